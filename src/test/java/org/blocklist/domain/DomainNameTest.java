package org.blocklist.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {
  private static DomainName name(String value) {
    return new DomainName(value);
  }

  @Test
  void isSameOrSubdomainOf_sameName_isTrue() {
    assertTrue(name("b.example").isSameOrSubdomainOf(name("b.example")));
  }

  @Test
  void isSameOrSubdomainOf_nameBelowOnLabelBoundary_isTrue() {
    assertTrue(name("a.b.example").isSameOrSubdomainOf(name("b.example")));
    assertTrue(name("x.y.a.b.example").isSameOrSubdomainOf(name("b.example")));
    assertTrue(name("b.example").isSameOrSubdomainOf(name("example")));
  }

  @Test
  void isSameOrSubdomainOf_suffixNotOnLabelBoundary_isFalse() {
    assertFalse(name("notb.example").isSameOrSubdomainOf(name("b.example")));
    assertFalse(name("a-b.example").isSameOrSubdomainOf(name("b.example")));
  }

  @Test
  void isSameOrSubdomainOf_ancestorBelowOrSibling_isFalse() {
    assertFalse(name("b.example").isSameOrSubdomainOf(name("a.b.example")));
    assertFalse(name("c.example").isSameOrSubdomainOf(name("b.example")));
    assertFalse(name("example.com").isSameOrSubdomainOf(name("example")));
  }

  @Test
  void parent_dropsTheFirstLabel_andIsNullForASingleLabel() {
    assertEquals(name("b.example"), name("a.b.example").parent());
    assertEquals(name("example"), name("b.example").parent());
    assertNull(name("example").parent());
  }

  @Test
  void compareTo_isByteOrderOfTheAsciiText() {
    List<DomainName> names =
        new ArrayList<>(
            List.of(name("b.example"), name("a-b.example"), name("a.example"), name("0.example")));
    Collections.sort(names);

    // '-' (0x2D) < '.' (0x2E) < '0' (0x30) < 'a' (0x61), as LC_ALL=C sort orders them.
    assertEquals(
        List.of(name("0.example"), name("a-b.example"), name("a.example"), name("b.example")),
        names);
    assertTrue(name("a.example").compareTo(name("a.example")) == 0);
  }

  @Test
  void toString_isTheValue() {
    assertEquals("xn--fa-hia.de", name("xn--fa-hia.de").toString());
  }

  @Test
  void constructor_maximalLengths_areAccepted() {
    String label63 = "a".repeat(63);
    String name253 = label63 + "." + label63 + "." + label63 + "." + "b".repeat(61);

    assertEquals(253, name(name253).value().length());
    assertEquals(DomainName.MAX_LENGTH, 253);
    assertEquals(DomainName.MAX_LABEL_LENGTH, 63);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Example.com",
        "example.com.",
        ".example.com",
        "example..com",
        "a_b.example",
        "-a.example",
        "a-.example",
        "faß.de",
        "a b.example",
        "*.example"
      })
  void constructor_notCanonical_isRefused(String value) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new DomainName(value));
    assertTrue(e.getMessage().startsWith("domain name: \""), e.getMessage());
  }

  @Test
  void constructor_tooLong_namesTheLengthAndTheLimit() {
    String label63 = "a".repeat(63);
    String name254 = label63 + "." + label63 + "." + label63 + "." + "b".repeat(62);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new DomainName(name254));
    assertTrue(
        e.getMessage().contains("length: 254 octets (expected: at most 253)"), e.getMessage());
  }

  @Test
  void constructor_labelTooLong_namesTheLabelLengthAndTheLimit() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new DomainName("a".repeat(64) + ".example"));
    assertTrue(
        e.getMessage().contains("label length: 64 octets at index 0 (expected: at most 63)"),
        e.getMessage());
  }

  @Test
  void constructor_invisibleCharacter_isEscapedInTheMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new DomainName("a\u200Db.example"));
    assertTrue(e.getMessage().contains("\"a\\u200Db.example\""), e.getMessage());
  }

  @Test
  void constructor_null_throwsNullPointerException() {
    assertThrows(NullPointerException.class, () -> new DomainName(null));
  }
}
