package org.blocklist.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.blocklist.rpz.ZoneChanges;
import org.junit.jupiter.api.Test;

/** The agent's change history: condensed IXFR changes, and what it cannot serve. */
class AgentZoneTest {
  @Test
  void changesSince_condensesTheStepsSince_aNameAddedThenRemovedIsInNeither() {
    AgentZone z = new AgentZone(1, List.of("a.example"));
    z.committed(1, 2, List.of("a.example", "b.example"), List.of("b.example"), List.of());
    z.committed(
        2, 3, List.of("b.example", "c.example"), List.of("c.example"), List.of("a.example"));
    z.committed(
        3, 5, List.of("c.example", "d.example"), List.of("d.example"), List.of("b.example"));
    assertEquals(5, z.current().version());
    ZoneChanges c = z.current().changesSince(1, 100).orElseThrow();
    assertEquals(List.of("c.example", "d.example"), c.added());
    assertEquals(List.of("a.example"), c.removed());
    assertEquals(List.of("d.example"), z.current().changesSince(3, 100).orElseThrow().added());
    assertTrue(z.current().changesSince(4, 100).isEmpty(), "4 was never held: the whole zone");
    assertTrue(z.current().changesSince(0, 100).isEmpty(), "before the history");
    assertTrue(z.current().changesSince(1, 4).isEmpty(), "more names changed than asked");
  }

  @Test
  void aStepFromAnotherVersion_startsTheHistoryAfresh_andItIsBounded() {
    AgentZone z = new AgentZone(0, List.of());
    z.committed(0, 7, List.of("a.example"), List.of("a.example"), List.of());
    z.committed(9, 10, List.of("b.example"), List.of("b.example"), List.of("a.example"));
    assertTrue(z.current().changesSince(7, 100).isEmpty());
    assertTrue(z.current().changesSince(9, 100).isEmpty());
    for (int v = 10; v < 10 + AgentZone.MAX_HISTORY_VERSIONS + 1; v++) {
      z.committed(v, v + 1, List.of(), List.of(), List.of());
    }
    assertTrue(z.current().changesSince(10, Integer.MAX_VALUE).isEmpty(), "dropped");
    assertTrue(z.current().changesSince(11, Integer.MAX_VALUE).isPresent());
  }
}
