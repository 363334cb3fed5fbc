package org.blocklist.stoppage;

/**
 * The languages of the stop page: the three official languages of Belgium and English. Each carries
 * the fixed text of DESIGN.md's stop page message ("Your browser has taken you to this site but the
 * site is blocked because of its content. If you wish to register your disapproval, you may call
 * &lt;number&gt;"), split around the contact number. The texts are HTML-ready: no markup and no
 * character that needs escaping.
 */
enum Language {
  NL(
      "nl",
      "Website geblokkeerd",
      "Deze website is geblokkeerd",
      "Uw browser heeft u naar deze website geleid, maar de website is geblokkeerd vanwege de"
          + " inhoud ervan. Wenst u uw afkeuring te laten registreren, dan kunt u bellen naar ",
      "."),
  FR(
      "fr",
      "Site bloqué",
      "Ce site est bloqué",
      "Votre navigateur vous a conduit vers ce site, mais celui-ci est bloqué en raison de son"
          + " contenu. Si vous souhaitez faire part de votre désapprobation, vous pouvez appeler"
          + " le ",
      "."),
  DE(
      "de",
      "Website gesperrt",
      "Diese Website ist gesperrt",
      "Ihr Browser hat Sie zu dieser Website geführt, doch die Website ist aufgrund ihres Inhalts"
          + " gesperrt. Wenn Sie Ihre Missbilligung zum Ausdruck bringen möchten, können Sie die"
          + " Nummer ",
      " anrufen."),
  EN(
      "en",
      "Site blocked",
      "This site is blocked",
      "Your browser has taken you to this site but the site is blocked because of its content."
          + " If you wish to register your disapproval, you may call ",
      ".");

  /** The language used when {@code Accept-Language} names none of ours (or is absent). */
  static final Language DEFAULT = EN;

  private final String tag;
  private final String title;
  private final String heading;
  private final String beforeNumber;
  private final String afterNumber;

  Language(String tag, String title, String heading, String beforeNumber, String afterNumber) {
    this.tag = tag;
    this.title = title;
    this.heading = heading;
    this.beforeNumber = beforeNumber;
    this.afterNumber = afterNumber;
  }

  /** The BCP 47 primary tag: {@code nl}, {@code fr}, {@code de} or {@code en}. */
  String tag() {
    return tag;
  }

  String title() {
    return title;
  }

  String heading() {
    return heading;
  }

  /** The message up to the contact number. */
  String beforeNumber() {
    return beforeNumber;
  }

  /** The message after the contact number. */
  String afterNumber() {
    return afterNumber;
  }

  /** Ours for a lower-case primary tag, or {@code null}. */
  static Language ofTag(String primaryTag) {
    for (Language l : values()) {
      if (l.tag.equals(primaryTag)) {
        return l;
      }
    }
    return null;
  }
}
