package org.blocklist.domain;

import com.ibm.icu.text.IDNA;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ICU's UTS #46 errors in words an officer can act on ({@code a_b.example}: "underscore (_) is not
 * allowed in a host name"), the first (most telling) ones first, each followed by ICU's name for it
 * only where no plainer word exists.
 */
final class IdnaErrors {
  private IdnaErrors() {}

  static String describe(Set<IDNA.Error> errors, String name, IDNA idna) {
    List<String> words = new ArrayList<>();
    for (IDNA.Error e : errors) {
      words.add(describe(e, name, idna));
    }
    return String.join("; ", words);
  }

  private static String describe(IDNA.Error e, String name, IDNA idna) {
    return switch (e) {
      case DISALLOWED -> disallowed(name, idna);
      case EMPTY_LABEL -> "an empty label (two dots in a row, or a dot at the start)";
      case LABEL_TOO_LONG -> "a label is longer than 63 octets";
      case DOMAIN_NAME_TOO_LONG -> "the name is longer than 253 octets";
      case LEADING_HYPHEN -> "a label starts with a hyphen";
      case TRAILING_HYPHEN -> "a label ends with a hyphen";
      case HYPHEN_3_4 ->
          "a label has hyphens in its third and fourth places (only xn-- labels may)";
      case LEADING_COMBINING_MARK -> "a label starts with a combining mark";
      case PUNYCODE -> "an xn-- label is not valid Punycode";
      case INVALID_ACE_LABEL -> "an xn-- label does not decode to a valid name";
      case BIDI -> "right-to-left and left-to-right text are mixed in a way IDNA forbids";
      case CONTEXTJ -> "a zero-width joiner or non-joiner stands where IDNA forbids it";
      case CONTEXTO_PUNCTUATION, CONTEXTO_DIGITS ->
          "a character that is allowed only in some contexts is used outside them";
      case LABEL_HAS_DOT -> "a label holds a dot";
      default -> "not a valid host name (IDNA " + e.name().toLowerCase(Locale.ROOT) + ")";
    };
  }

  /** Names the first character that is not allowed (each non-ASCII one asked of IDNA alone). */
  private static String disallowed(String name, IDNA idna) {
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      i += Character.charCount(c);
      if (allowedAscii(c) || c >= 0x80) {
        continue;
      }
      return (switch (c) {
            case '_' -> "underscore (_)";
            case ' ' -> "a space";
            case '*' -> "an asterisk (*)";
            case '@' -> "an at sign (@)";
            case '/' -> "a slash (/)";
            default ->
                c < 0x20 || c == 0x7f
                    ? String.format(Locale.ROOT, "the control character U+%04X", c)
                    : "'" + (char) c + "'";
          })
          + " is not allowed in a host name";
    }
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      i += Character.charCount(c);
      if (c >= 0x80 && disallowedAlone(c, idna)) {
        return String.format(
            Locale.ROOT,
            "the character U+%04X (%s) is not allowed in a host name",
            c,
            Character.getName(c) == null
                ? "unnamed"
                : Character.getName(c).toLowerCase(Locale.ROOT));
      }
    }
    return "a character is not allowed in a host name";
  }

  private static boolean disallowedAlone(int c, IDNA idna) {
    IDNA.Info info = new IDNA.Info();
    idna.labelToASCII(new String(Character.toChars(c)), new StringBuilder(), info);
    return info.getErrors().contains(IDNA.Error.DISALLOWED);
  }

  private static boolean allowedAscii(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.';
  }
}
