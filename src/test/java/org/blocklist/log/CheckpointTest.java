package org.blocklist.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckpointTest {
  private static final String ROOT = TreeHashes.EMPTY_ROOT.base64();
  private static final String LINE = "a non-empty line of text without control characters";
  private static final String SIZE =
      "a decimal 0..9223372036854775807 without sign or leading zeros";
  private static final String BASE64 = "standard padded base64 of 32 bytes";

  @Test
  void body_isOriginSizeAndBase64RootLines() {
    Hash root = Hash.fromHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    assertEquals(
        "blocklist.example/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        new Checkpoint("blocklist.example/log", 8, root).body());
  }

  @Test
  void parseBody_goModTreeBody_isParsedAndRoundTrips() throws Exception {
    List<Example> bodies = examples("checkpoint-body");
    assertEquals(1, bodies.size());
    Example example = bodies.get(0);
    assertEquals("gomod-tlog-tree-body", example.id());

    Checkpoint checkpoint = Checkpoint.parseBody(example.value());

    assertEquals("go.sum database tree", checkpoint.origin());
    assertEquals(123456789012L, checkpoint.size());
    assertEquals(
        TreeHashes.leafHash("hello world".getBytes(StandardCharsets.UTF_8)), checkpoint.root());
    assertEquals(example.value(), checkpoint.body());
  }

  @Test
  void parseBody_tlogCheckpointSpecExample_isParsedAndRoundTrips() throws Exception {
    Example note =
        examples("note").stream()
            .filter(e -> e.id().equals("c2sp-tlog-checkpoint-intro"))
            .findFirst()
            .orElseThrow();
    String body = noteText(note.value());

    Checkpoint checkpoint = Checkpoint.parseBody(body);

    assertEquals(
        new Checkpoint(
            "example.com/behind-the-sofa",
            20852163,
            Hash.fromBase64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")),
        checkpoint);
    assertEquals(body, checkpoint.body());
  }

  @Test
  void parseBody_body_roundTrips() throws Exception {
    for (Checkpoint checkpoint :
        List.of(
            new Checkpoint("blocklist.example/log", 0, TreeHashes.EMPTY_ROOT),
            new Checkpoint("b", Long.MAX_VALUE, Hash.ZERO),
            new Checkpoint("caf\u00e9 \uD83D\uDE00 log", 7, TreeHashes.EMPTY_ROOT))) {
      assertEquals(checkpoint, Checkpoint.parseBody(checkpoint.body()));
    }
  }

  @Test
  void parseBody_extensionLines_areAcceptedAndIgnored() throws Exception {
    Checkpoint checkpoint = new Checkpoint("blocklist.example/log", 3, TreeHashes.EMPTY_ROOT);
    assertEquals(
        checkpoint, Checkpoint.parseBody(checkpoint.body() + "extension one\n\u2014 two\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void parseBody_malformed_isRejectedWithExactMessage(String name, String body, String message) {
    CheckpointFormatException e =
        assertThrows(CheckpointFormatException.class, () -> Checkpoint.parseBody(body));
    assertEquals(message, e.getMessage());
  }

  static Stream<Arguments> malformed() {
    String missingNewline =
        "body: missing final newline (expected: \"\\n\" at the end of every line)";
    return Stream.of(
        Arguments.of("empty", "", missingNewline),
        Arguments.of("no final newline", "o\n1\n" + ROOT, missingNewline),
        Arguments.of(
            "two lines", "o\n1\n", "body: 2 lines (expected: at least 3: origin, size, root hash)"),
        Arguments.of(
            "empty origin", "\n1\n" + ROOT + "\n", "line 1: \"\" (expected: " + LINE + ")"),
        Arguments.of("crlf", "o\r\n1\n" + ROOT + "\n", "line 1: \"o\\r\" (expected: " + LINE + ")"),
        Arguments.of(
            "control character",
            "o\u0001\n1\n" + ROOT + "\n",
            "line 1: \"o\\u0001\" (expected: " + LINE + ")"),
        Arguments.of(
            "lone surrogate",
            "o\uD800\n1\n" + ROOT + "\n",
            "line 1: \"o\\ud800\" (expected: " + LINE + ")"),
        Arguments.of(
            "empty extension line",
            "o\n1\n" + ROOT + "\n\n",
            "line 4: \"\" (expected: " + LINE + ")"),
        Arguments.of(
            "leading zero",
            "o\n01\n" + ROOT + "\n",
            "line 2: size \"01\" (expected: " + SIZE + ")"),
        Arguments.of(
            "negative", "o\n-1\n" + ROOT + "\n", "line 2: size \"-1\" (expected: " + SIZE + ")"),
        Arguments.of(
            "plus sign", "o\n+1\n" + ROOT + "\n", "line 2: size \"+1\" (expected: " + SIZE + ")"),
        Arguments.of(
            "space", "o\n 1\n" + ROOT + "\n", "line 2: size \" 1\" (expected: " + SIZE + ")"),
        Arguments.of(
            "overflow",
            "o\n9223372036854775808\n" + ROOT + "\n",
            "line 2: size \"9223372036854775808\" (expected: " + SIZE + ")"),
        Arguments.of(
            "unpadded root",
            "o\n1\n" + ROOT.substring(0, 43) + "\n",
            "line 3: root hash \"" + ROOT.substring(0, 43) + "\" (expected: " + BASE64 + ")"),
        Arguments.of(
            "non-canonical root",
            "o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=\n",
            "line 3: root hash \"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=\" (expected: "
                + BASE64
                + ")"),
        Arguments.of(
            "url-safe root",
            "o\n1\n47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=\n",
            "line 3: root hash \"47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=\" (expected: "
                + BASE64
                + ")"),
        Arguments.of(
            "short root",
            "o\n1\nZG9uJ3QgY2FyZSAx\n",
            "line 3: root hash \"ZG9uJ3QgY2FyZSAx\" (expected: " + BASE64 + ")"),
        Arguments.of(
            "oversize",
            "o\n1\n" + ROOT + "\n" + "x".repeat(8192) + "\n",
            "body length: 8242 characters (expected: at most 8192)"));
  }

  @Test
  void new_badFields_areRefused() {
    IllegalArgumentException origin =
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint("a\nb", 1, Hash.ZERO));
    assertEquals("origin: \"a\\nb\" (expected: " + LINE + ")", origin.getMessage());
    IllegalArgumentException size =
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint("o", -1, Hash.ZERO));
    assertEquals("size: -1 (expected: 0..9223372036854775807)", size.getMessage());
  }

  /** An entry of testdata/signed-note/examples.txt. */
  record Example(String id, String kind, String value) {}

  /** The entries of one kind, with their values rebuilt as the header of the file says. */
  static List<Example> examples(String kind) throws IOException {
    List<String> lines =
        Files.readAllLines(
            TestVectors.testdata().resolve("signed-note/examples.txt"), StandardCharsets.UTF_8);
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("=== ") || line.equals("=== end")) {
        continue;
      }
      String[] header = line.substring(4).split(" \\| ", 3);
      StringBuilder value = new StringBuilder();
      for (i++; !lines.get(i).equals("=== end"); i++) {
        value.append(lines.get(i)).append('\n');
      }
      String entryKind = header[1].trim();
      boolean singleLine =
          List.of("vkey", "vkey-invalid", "skey").contains(entryKind)
              || entryKind.endsWith("-nofinalnl");
      String text = singleLine ? value.substring(0, value.length() - 1) : value.toString();
      if (entryKind.equals(kind)) {
        examples.add(new Example(header[0].trim(), entryKind, text));
      }
    }
    return examples;
  }

  /**
   * The text of a signed note: everything up to and including the newline before the last blank
   * line.
   */
  private static String noteText(String note) {
    int separator = note.lastIndexOf("\n\n");
    return note.substring(0, separator + 1);
  }
}
