package org.blocklist.stoppage;

/**
 * The appeal form's texts in each {@link Language} (HTML-ready: no markup, nothing to escape). The
 * form asks for no personal data; the Dutch, French and German texts need a native speaker's
 * review.
 */
enum AppealTexts {
  NL(
      "Of laat hier uw afkeuring achter (geef geen persoonsgegevens op):",
      "Versturen",
      "Bedankt",
      "Uw bericht is ontvangen. Een magistraat leest het.",
      "Uw bericht is leeg of langer dan 2000 tekens. Ga terug en probeer het opnieuw."),
  FR(
      "Ou laissez ici votre désapprobation (sans données personnelles) :",
      "Envoyer",
      "Merci",
      "Votre message a été reçu. Un magistrat le lira.",
      "Votre message est vide ou dépasse 2000 caractères. Revenez en arrière et réessayez."),
  DE(
      "Oder hinterlassen Sie hier Ihre Missbilligung (ohne persönliche Daten):",
      "Senden",
      "Danke",
      "Ihre Nachricht ist eingegangen. Eine Staatsanwältin oder ein Staatsanwalt liest sie.",
      "Ihre Nachricht ist leer oder länger als 2000 Zeichen. Gehen Sie zurück und versuchen Sie"
          + " es erneut."),
  EN(
      "Or leave your disapproval here (do not give any personal data):",
      "Send",
      "Thank you",
      "Your message has been received. A prosecutor will read it.",
      "Your message is empty or longer than 2000 characters. Go back and try again.");

  final String label;
  final String submit;
  final String thanksHeading;
  final String thanks;
  final String invalid;

  AppealTexts(String label, String submit, String thanksHeading, String thanks, String invalid) {
    this.label = label;
    this.submit = submit;
    this.thanksHeading = thanksHeading;
    this.thanks = thanks;
    this.invalid = invalid;
  }

  static AppealTexts of(Language l) {
    return valueOf(l.name());
  }
}
