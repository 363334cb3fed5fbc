package org.blocklist.stoppage;

import java.util.List;

/**
 * The texts of {@code /transparency} in each {@link Language} (HTML-ready: no character to escape;
 * {@link #check} holds {@code <code>} elements). The series names follow {@link TransparencyPage}'s
 * charts: blocks, unblocks, added, removed, entries, expiries, reports, appeals received, appeals
 * answered. The Dutch, French and German texts need a native speaker's review.
 */
enum TransparencyTexts {
  NL(
      "Blocklist: openbare cijfers",
      "Openbare cijfers",
      "Wat de nationale blokkeerlijst maand per maand deed (UTC). Hier staat geen enkele"
          + " geblokkeerde naam: alleen aantallen.",
      "Er is nog niets gepubliceerd.",
      List.of(
          "Gepubliceerde versies: blokkeringen en deblokkeringen",
          "Toegevoegde en verwijderde namen",
          "Vermeldingen aan het einde van de maand",
          "Namen verwijderd omdat hun herzieningsdatum verstreken was",
          "Meldingen bij het meldpunt en bezwaren"),
      List.of(
          "blokkeringen",
          "deblokkeringen",
          "toegevoegd",
          "verwijderd",
          "vermeldingen",
          "verlopen",
          "meldingen",
          "bezwaren ontvangen",
          "bezwaren beantwoord"),
      "maand",
      "versies",
      "De cijfers",
      "Hoe u deze cijfers controleert",
      "Versies, blokkeringen, deblokkeringen, toegevoegde en verwijderde namen en vermeldingen"
          + " liggen vast in de ondertekende manifesten: het manifest van elke versie (<code>GET"
          + " /v1/versions</code>) geeft haar tijdstip, actie en aantallen, en het ondertekende"
          + " checkpoint (<code>GET /v1/checkpoint</code>) legt elk manifest vast. Een auditor voert"
          + " <code>java -jar blocklist.jar verify --server URL --token TOKEN --trust KEY</code> uit,"
          + " dat elk van deze cijfers opnieuw berekent uit de manifesten die het heeft"
          + " geverifieerd en vergelijkt met <code>GET /v1/transparency</code>, en ook meldingen,"
          + " bezwaren en verlopen hertelt uit de auditgebeurtenissen die de manifesten verankeren."),
  FR(
      "Blocklist : chiffres publics",
      "Chiffres publics",
      "Ce qu’a fait la liste nationale de blocage, mois par mois (UTC). Aucun nom bloqué"
          + " n’apparaît ici : uniquement des nombres.",
      "Rien n’a encore été publié.",
      List.of(
          "Versions publiées : blocages et déblocages",
          "Noms ajoutés et retirés",
          "Entrées à la fin du mois",
          "Noms retirés parce que leur date de réexamen était passée",
          "Signalements au point de contact et recours"),
      List.of(
          "blocages",
          "déblocages",
          "ajoutés",
          "retirés",
          "entrées",
          "expirations",
          "signalements",
          "recours reçus",
          "recours traités"),
      "mois",
      "versions",
      "Les chiffres",
      "Comment vérifier ces chiffres",
      "Les versions, blocages, déblocages, noms ajoutés et retirés et entrées sont fixés par les"
          + " manifestes signés : le manifeste de chaque version (<code>GET /v1/versions</code>)"
          + " donne sa date, son action et ses nombres, et le checkpoint signé (<code>GET"
          + " /v1/checkpoint</code>) fixe chaque manifeste. Un auditeur exécute <code>java -jar"
          + " blocklist.jar verify --server URL --token TOKEN --trust KEY</code>, qui recalcule"
          + " chacun de ces chiffres à partir des manifestes qu’il a vérifiés, les compare à"
          + " <code>GET /v1/transparency</code>, et recompte aussi signalements, recours et"
          + " expirations à partir des événements d’audit que les manifestes ancrent."),
  DE(
      "Blocklist: öffentliche Zahlen",
      "Öffentliche Zahlen",
      "Was die nationale Sperrliste Monat für Monat getan hat (UTC). Hier erscheint kein"
          + " gesperrter Name: nur Anzahlen.",
      "Es wurde noch nichts veröffentlicht.",
      List.of(
          "Veröffentlichte Versionen: Sperrungen und Entsperrungen",
          "Hinzugefügte und entfernte Namen",
          "Einträge am Monatsende",
          "Namen, entfernt weil ihr Überprüfungsdatum verstrichen war",
          "Meldungen an die Meldestelle und Einsprüche"),
      List.of(
          "Sperrungen",
          "Entsperrungen",
          "hinzugefügt",
          "entfernt",
          "Einträge",
          "abgelaufen",
          "Meldungen",
          "Einsprüche erhalten",
          "Einsprüche beantwortet"),
      "Monat",
      "Versionen",
      "Die Zahlen",
      "So prüfen Sie diese Zahlen",
      "Versionen, Sperrungen, Entsperrungen, hinzugefügte und entfernte Namen und Einträge sind"
          + " durch die signierten Manifeste festgelegt: das Manifest jeder Version (<code>GET"
          + " /v1/versions</code>) nennt ihre Zeit, Aktion und Anzahlen, und der signierte"
          + " Checkpoint (<code>GET /v1/checkpoint</code>) legt jedes Manifest fest. Ein Prüfer"
          + " führt <code>java -jar blocklist.jar verify --server URL --token TOKEN --trust"
          + " KEY</code> aus, das jede dieser Zahlen aus den geprüften Manifesten neu berechnet und"
          + " mit <code>GET /v1/transparency</code> vergleicht, und zählt auch Meldungen,"
          + " Einsprüche und Abläufe aus den Audit-Ereignissen nach, die die Manifeste verankern."),
  EN(
      "Blocklist: public figures",
      "Public figures",
      "What the national blocklist did, month by month (UTC). No blocked name appears here: only"
          + " counts.",
      "Nothing has been published yet.",
      List.of(
          "Versions published: blocks and unblocks",
          "Names added and removed",
          "Entries at the end of the month",
          "Names removed because their review date passed",
          "Hotline reports and appeals"),
      List.of(
          "blocks",
          "unblocks",
          "added",
          "removed",
          "entries",
          "expiries",
          "reports",
          "appeals received",
          "appeals answered"),
      "month",
      "versions",
      "The figures",
      "How to check these figures",
      "Versions, blocks, unblocks, names added and removed, and entries are fixed by the signed"
          + " manifests: every version's manifest (<code>GET /v1/versions</code>) gives its time,"
          + " action, added, removed and entries, and the signed checkpoint (<code>GET"
          + " /v1/checkpoint</code>) fixes every manifest. An auditor runs <code>java -jar"
          + " blocklist.jar verify --server URL --token TOKEN --trust KEY</code>, which recomputes"
          + " each of them from the manifests it verified and compares them with <code>GET"
          + " /v1/transparency</code>, and also recounts reports, appeals and expiries from the"
          + " audit events that the manifests anchor.");

  final String title;
  final String heading;
  final String intro;
  final String empty;
  final List<String> charts;
  final List<String> series;
  final String month;
  final String versions;
  final String tableHeading;
  final String checkHeading;
  final String check;

  TransparencyTexts(
      String title,
      String heading,
      String intro,
      String empty,
      List<String> charts,
      List<String> series,
      String month,
      String versions,
      String tableHeading,
      String checkHeading,
      String check) {
    this.title = title;
    this.heading = heading;
    this.intro = intro;
    this.empty = empty;
    this.charts = charts;
    this.series = series;
    this.month = month;
    this.versions = versions;
    this.tableHeading = tableHeading;
    this.checkHeading = checkHeading;
    this.check = check;
  }

  static TransparencyTexts of(Language l) {
    return valueOf(l.name());
  }
}
