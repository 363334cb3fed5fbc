package org.blocklist.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 63, 65, 128})
  void of_notSixtyFourBytes_isRefused(int length) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Signature.of(new byte[length]));
    assertEquals("signature length: " + length + " (expected: 64)", e.getMessage());
  }

  @Test
  void of_sixtyFourBytes_copiesInAndOut() {
    byte[] bytes = new byte[64];
    bytes[0] = 7;
    Signature signature = Signature.of(bytes);
    bytes[0] = 8;
    assertEquals(7, signature.toByteArray()[0]);
    signature.toByteArray()[0] = 9;
    assertEquals(7, signature.toByteArray()[0]);
  }

  @Test
  void equals_sameBytes_isTrue() {
    byte[] bytes = new byte[64];
    bytes[63] = 1;
    assertEquals(Signature.of(bytes), Signature.of(bytes.clone()));
    assertEquals(Signature.of(bytes).hashCode(), Signature.of(bytes.clone()).hashCode());
    assertNotEquals(Signature.of(bytes), Signature.of(new byte[64]));
  }

  @Test
  void base64_isStandardPadded() {
    byte[] bytes = new byte[64];
    bytes[0] = (byte) 0xfb;
    String b64 = Signature.of(bytes).base64();
    assertTrue(b64.endsWith("=="), b64);
    assertEquals(Base64.getEncoder().encodeToString(bytes), b64);
  }
}
