package org.blocklist.service;

import static org.blocklist.testing.Blocklist.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.blocklist.principal.Role;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Principals: added and revoked by the admin or the command line, effective at once. */
class PrincipalApiTest {
  @TempDir Path dir;
  private Blocklist bl;

  @BeforeEach
  void start() throws Exception {
    bl = Blocklist.start(dir.resolve("data"));
  }

  @AfterEach
  void stop() {
    bl.close();
  }

  @Test
  void add_returnsATokenOnce_thatWorksAtOnce_andIsStoredOnlyAsAHash() throws Exception {
    HttpResponse<String> r =
        bl.server.post("/v1/principals", bl.admin, "{\"name\":\"officer-9\",\"role\":\"police\"}");
    assertEquals(201, r.statusCode(), r.body());
    JsonNode body = json(r);
    String token = body.get("token").asText();
    assertEquals("officer-9", body.get("name").asText());
    assertEquals("police", body.get("role").asText());
    assertTrue(token.length() >= 43, "at least 256 random bits in base64url");
    assertEquals(200, bl.server.get("/v1/requisitions", token).statusCode());
    try (Connection c = bl.server.sql();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM principals")) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          String value = rs.getString(i);
          assertFalse(value != null && value.contains(token), "the token itself is never stored");
        }
      }
    }
  }

  @Test
  void add_anExistingName_isRefused_evenAfterRevocation() throws Exception {
    String body = "{\"name\":\"officer-1\",\"role\":\"prosecutor\"}";
    HttpResponse<String> r = bl.server.post("/v1/principals", bl.admin, body);
    assertEquals(409, r.statusCode());
    assertEquals("principal_exists", json(r).get("error").asText());
    assertEquals(200, bl.server.delete("/v1/principals/officer-1", bl.admin).statusCode());
    assertEquals(409, bl.server.post("/v1/principals", bl.admin, body).statusCode());
  }

  @Test
  void add_badNameOrRole_is400() throws Exception {
    assertEquals(
        400,
        bl.server
            .post("/v1/principals", bl.admin, "{\"name\":\"Bad Name\",\"role\":\"police\"}")
            .statusCode());
    assertEquals(
        400,
        bl.server
            .post("/v1/principals", bl.admin, "{\"name\":\"x\",\"role\":\"king\"}")
            .statusCode());
    assertEquals(400, bl.server.post("/v1/principals", bl.admin, "{\"name\":\"x\"}").statusCode());
  }

  @Test
  void revoke_throughTheApi_takesEffectAtOnce() throws Exception {
    assertEquals(200, bl.server.get("/v1/requisitions", bl.police).statusCode());
    HttpResponse<String> r = bl.server.delete("/v1/principals/officer-1", bl.admin);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(json(r).get("revoked").asBoolean());
    assertEquals(401, bl.server.get("/v1/requisitions", bl.police).statusCode());
    assertEquals(404, bl.server.delete("/v1/principals/officer-1", bl.admin).statusCode());
    assertEquals(404, bl.server.delete("/v1/principals/nobody", bl.admin).statusCode());
  }

  @Test
  void tokenAddedInTheStoreWhileRunning_worksAtOnce() throws Exception {
    String token = bl.server.addPrincipal("late-isp", Role.ISP);
    assertEquals(
        404,
        bl.server.get("/v1/versions/1/changes", token).statusCode(),
        "authenticated and allowed; there is no version 1 yet");
    HttpResponse<String> r = bl.server.get("/v1/requisitions", token);
    assertEquals(403, r.statusCode(), "known, but the isp role may not read requisitions");
  }
}
