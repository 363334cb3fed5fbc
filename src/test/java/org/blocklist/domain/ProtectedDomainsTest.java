package org.blocklist.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtectedDomainsTest {
  private static final DomainCanonicalizer CANONICALIZER = new DomainCanonicalizer();

  private static DomainName name(String value) {
    return new DomainName(value);
  }

  private static ProtectedDomains protect(String... names) {
    return ProtectedDomains.of(List.of(names).stream().map(DomainName::new).toList());
  }

  @Test
  void conflict_equalName_isThatName() {
    assertEquals(Optional.of(name("police.be")), protect("police.be").conflict(name("police.be")));
  }

  @Test
  void conflict_nameBelowAProtectedName_isTheProtectedName() {
    ProtectedDomains p = protect("police.be");

    assertEquals(Optional.of(name("police.be")), p.conflict(name("www.police.be")));
    assertEquals(Optional.of(name("police.be")), p.conflict(name("a.b.c.police.be")));
  }

  @Test
  void conflict_nameAboveAProtectedName_isTheProtectedName() {
    ProtectedDomains p = protect("minfin.fgov.be");

    assertEquals(Optional.of(name("minfin.fgov.be")), p.conflict(name("fgov.be")));
    assertEquals(Optional.of(name("minfin.fgov.be")), p.conflict(name("be")));
  }

  @Test
  void conflict_siblingsAndLookAlikes_areNone() {
    ProtectedDomains p = protect("minfin.fgov.be", "police.be");

    assertEquals(Optional.empty(), p.conflict(name("just.fgov.be")));
    assertEquals(Optional.empty(), p.conflict(name("notpolice.be")));
    assertEquals(Optional.empty(), p.conflict(name("police.be.evil.example")));
    assertEquals(Optional.empty(), p.conflict(name("police-be.example")));
    // "minfin-x.fgov.be" sorts between "be.fgov" keys; it must not match "be.fgov.minfin"
    assertEquals(Optional.empty(), p.conflict(name("minfin-x.fgov.be")));
    assertEquals(Optional.empty(), p.conflict(name("fgov.be.example")));
  }

  @Test
  void conflict_equalBeforeAboveBeforeBelow() {
    ProtectedDomains p = protect("a.example", "b.a.example", "c.b.a.example");

    assertEquals(Optional.of(name("b.a.example")), p.conflict(name("b.a.example")));
    assertEquals(Optional.of(name("c.b.a.example")), p.conflict(name("d.c.b.a.example")));
  }

  @Test
  void none_conflictsWithNothing() {
    assertEquals(Optional.empty(), ProtectedDomains.none().conflict(name("google.com")));
    assertEquals(0, ProtectedDomains.none().size());
  }

  @Test
  void load_commentsBlankLinesAndUnnormalisedNames_areCanonicalised(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("protected-domains.txt");
    Files.writeString(
        file,
        "# header comment\n"
            + "\n"
            + "   \t\n"
            + "Police.BE.   # trailing comment\n"
            + "  google.com\n"
            + "faß.de\n"
            + "police.be\n"
            + "\uFEFFbücher.example\n",
        StandardCharsets.UTF_8);

    ProtectedDomains p = ProtectedDomains.load(file, CANONICALIZER);

    assertEquals(4, p.size());
    assertEquals(Optional.of(name("police.be")), p.conflict(name("www.police.be")));
    assertEquals(Optional.of(name("google.com")), p.conflict(name("google.com")));
    assertEquals(Optional.of(name("xn--fa-hia.de")), p.conflict(name("xn--fa-hia.de")));
    assertEquals(Optional.empty(), p.conflict(name("fass.de")));
    assertEquals(
        Optional.of(name("xn--bcher-kva.example")), p.conflict(name("xn--bcher-kva.example")));
  }

  @Test
  void load_badLine_namesFileLineInputAndReason(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("protected-domains.txt");
    Files.writeString(file, "# ok\npolice.be\n\na_b.example\n", StandardCharsets.UTF_8);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ProtectedDomains.load(file, CANONICALIZER));

    assertTrue(e.getMessage().startsWith(file + ":4: "), e.getMessage());
    assertTrue(e.getMessage().contains("\"a_b.example\""), e.getMessage());
    assertTrue(e.getMessage().contains("invalid_name"), e.getMessage());
  }

  @Test
  void load_ipLiteral_isRefusedWithItsLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("p.txt");
    Files.writeString(file, "10.0.0.1\n", StandardCharsets.UTF_8);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ProtectedDomains.load(file, CANONICALIZER));

    assertTrue(e.getMessage().startsWith(file + ":1: "), e.getMessage());
    assertTrue(e.getMessage().contains("ip_literal"), e.getMessage());
  }

  @Test
  void load_url_isRefusedWithItsLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("p.txt");
    Files.writeString(file, "police.be\nhttps://google.com/\n", StandardCharsets.UTF_8);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ProtectedDomains.load(file, CANONICALIZER));

    assertEquals(
        file + ":2: \"https://google.com/\" is a URL form (expected: a domain name)",
        e.getMessage());
  }

  @Test
  void load_missingFile_throwsIOException(@TempDir Path dir) {
    assertThrows(
        IOException.class, () -> ProtectedDomains.load(dir.resolve("absent.txt"), CANONICALIZER));
  }

  @Test
  void load_theShippedConfigFile_protectsGovernmentHotlineAndPlatforms() throws IOException {
    Path file = Path.of(System.getProperty("basedir", "."), "config", "protected-domains.txt");

    ProtectedDomains p = ProtectedDomains.load(file, CANONICALIZER);

    assertTrue(p.size() >= 15 && p.size() <= 30, "size: " + p.size());
    for (String blocked :
        List.of(
            "police.be",
            "www.police.be",
            "just.fgov.be",
            "belgium.be",
            "childfocus.be",
            "vlaanderen.be",
            "wallonie.be",
            "brussels.be",
            "mail.google.com",
            "google.be",
            "www.facebook.com",
            "nl.wikipedia.org",
            "github.com")) {
      assertTrue(p.conflict(name(blocked)).isPresent(), blocked);
    }
    assertEquals(Optional.empty(), p.conflict(name("evil.example")));
    assertEquals(Optional.empty(), p.conflict(name("foo.github.io")));
  }
}
