package org.blocklist.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blocklist.principal.Role;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of {@link Route} called by every role, by an unknown token and with no token: a role
 * the route table allows is never refused with 401 or 403; any other role gets 403 {@code
 * forbidden}; no token or an unknown one gets 401 on every route that needs one; open routes answer
 * everyone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest {
  private Blocklist bl;
  private Map<String, String> callers;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    bl = Blocklist.start(dir.resolve("data"));
    bl.publish("block", "matrix.example");
    callers = new LinkedHashMap<>();
    callers.put(Role.POLICE.code(), bl.police);
    callers.put(Role.PROSECUTOR.code(), bl.prosecutor);
    callers.put(Role.ISP.code(), bl.isp);
    callers.put(Role.AUDITOR.code(), bl.auditor);
    callers.put(Role.ADMIN.code(), bl.admin);
  }

  @AfterAll
  void stop() {
    bl.close();
  }

  @TestFactory
  List<DynamicTest> everyRoute_everyRole_andNoToken() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Route route : Route.values()) {
      for (Map.Entry<String, String> caller : callers.entrySet()) {
        Role role = Role.fromCode(caller.getKey());
        boolean allowed = route.isOpen() || route.roles().contains(role);
        tests.add(
            dynamicTest(
                route + " as " + role.code() + (allowed ? " is allowed" : " is forbidden"),
                () -> {
                  HttpResponse<String> r = call(route, caller.getValue());
                  if (allowed) {
                    assertNotEquals(401, r.statusCode(), r.body());
                    assertNotEquals(403, r.statusCode(), r.body());
                  } else {
                    assertEquals(403, r.statusCode(), r.body());
                    assertEquals("forbidden", Blocklist.json(r).get("error").asText());
                  }
                }));
      }
      tests.add(
          dynamicTest(
              route + " without a token" + (route.isOpen() ? " is open" : " is 401"),
              () -> {
                HttpResponse<String> r = call(route, null);
                if (route.isOpen()) {
                  assertNotEquals(401, r.statusCode(), r.body());
                  assertNotEquals(403, r.statusCode(), r.body());
                } else {
                  assertEquals(401, r.statusCode(), r.body());
                  assertEquals("unauthorized", Blocklist.json(r).get("error").asText());
                }
              }));
      if (!route.isOpen()) {
        tests.add(
            dynamicTest(
                route + " with an unknown token is 401",
                () ->
                    assertEquals(401, call(route, "not-a-token-" + route.ordinal()).statusCode())));
      }
    }
    return tests;
  }

  private HttpResponse<String> call(Route route, String token) throws Exception {
    String path =
        route.template().replace("{id}", "999999").replace("{n}", "1").replace("{name}", "nobody");
    path +=
        switch (route) {
          case INCLUSION_PROOF -> "?version=1&treeSize=1";
          case CONSISTENCY_PROOF -> "?from=1&to=1";
          default -> "";
        };
    HttpRequest.Builder b = bl.server.request(path, token);
    String method = route.method().name();
    if (method.equals("GET") || method.equals("DELETE")) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.method(method, HttpRequest.BodyPublishers.ofString("{}"));
    }
    return bl.server.send(b);
  }
}
