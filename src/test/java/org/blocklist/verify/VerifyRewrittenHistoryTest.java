package org.blocklist.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.blocklist.log.Hash;
import org.blocklist.log.ListTexts;
import org.blocklist.log.Manifest;
import org.blocklist.log.MerkleTree;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.TamperingProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history edited in the store behind a restarted server's back. The server itself refuses to
 * start on an edited store, so the proxy plays the server that serves one: it swaps (or drops) a
 * name of version 2 and rewrites, consistently, every later answer that depends on it. Whatever the
 * forger rewrites, what they cannot rewrite gives them away: the requisition's own count of names,
 * the audit chain's record of each leaf, and in the end the signature of the checkpoint.
 */
class VerifyRewrittenHistoryTest {
  private Audited audited;
  private Blocklist restarted;
  private TamperingProxy proxy;

  @BeforeEach
  void restartedServer(@TempDir Path dir) throws Exception {
    audited = Audited.start(dir.resolve("data"));
    audited.bl.close();
    restarted = Blocklist.restart(audited.bl);
    proxy = TamperingProxy.start(restarted.server.uri("/"));
  }

  @AfterEach
  void stop() {
    proxy.close();
    restarted.close();
    audited.close();
  }

  @Test
  void aNameDropped_withChangesAndManifestsRewritten_theRequisitionsCountNamesTheVersion()
      throws Exception {
    Forgery.of(restarted, 2, "c.example", null).manifestsAndChanges(proxy, false);
    assertEquals(
        "version 2: added: expected 0 (the signed manifest), computed 1 (the domains of"
            + " requisition-submitted audit event 12)",
        audited.failure(proxy.uri()));
  }

  @Test
  void aNameSwapped_withChangesAndManifestsRewritten_theChainsRecordOfTheLeafNamesTheVersion()
      throws Exception {
    Forgery forgery = Forgery.of(restarted, 2, "c.example", "cc.example");
    forgery.manifestsAndChanges(proxy, false);
    Manifest forged = forgery.manifests.get(1);
    assertEquals(
        "version 2: leaf: expected "
            + forgery.genuineLeaf(2).hex()
            + " (version-published audit event "
            + forgery.publishedEvent(2)
            + "), computed "
            + forged.leafHash().hex()
            + " (the leaf hash of the served manifest)",
        audited.failure(proxy.uri()));
  }

  @Test
  void aNameSwapped_withTheAuditChainRewrittenToo_onlyTheSignedRootIsLeft_andItDiffers()
      throws Exception {
    Forgery forgery = Forgery.of(restarted, 2, "c.example", "cc.example");
    forgery.manifestsAndChanges(proxy, true);
    MerkleTree tree = new MerkleTree();
    forgery.manifests.forEach(m -> tree.append(m.leafHash()));
    assertEquals(
        "checkpoint: root: expected "
            + forgery.genuineRoot.base64()
            + " (the signed checkpoint of size 4), computed "
            + tree.root(4).base64()
            + " (the tree over the served manifests 1..4)",
        audited.failure(proxy.uri()));
  }

  /**
   * The genuine history, and the one where {@code version} adds {@code replacement} instead of
   * {@code name} (or nothing, for a null replacement), with every later version to fit.
   */
  private static final class Forgery {
    final List<Manifest> genuine = new ArrayList<>();
    final List<Manifest> manifests = new ArrayList<>();
    final List<JsonNode> changes = new ArrayList<>();
    final List<JsonNode> events = new ArrayList<>();
    final Map<Long, String> eventTexts = new HashMap<>();
    final Map<Long, String> eventHashes = new HashMap<>();
    Hash genuineRoot;
    private final long version;
    private final String name;
    private final String replacement;

    private Forgery(long version, String name, String replacement) {
      this.version = version;
      this.name = name;
      this.replacement = replacement;
    }

    static Forgery of(Blocklist bl, long version, String name, String replacement)
        throws Exception {
      Forgery f = new Forgery(version, name, replacement);
      JsonNode page = Blocklist.json(bl.server.get("/v1/versions?from=1&limit=1000", null));
      for (JsonNode item : page.get("versions")) {
        f.genuine.add(Manifest.parse(item.get("manifest").asText()));
        f.changes.add(
            Blocklist.json(
                bl.server.get(
                    "/v1/versions/" + item.get("version").asLong() + "/changes", bl.auditor)));
      }
      for (JsonNode e :
          Blocklist.json(bl.server.get("/v1/audit/events?from=1&limit=1000", bl.auditor))
              .get("events")) {
        f.events.add(e);
      }
      MerkleTree tree = new MerkleTree();
      f.genuine.forEach(m -> tree.append(m.leafHash()));
      f.genuineRoot = tree.root(tree.size());
      return f;
    }

    Hash genuineLeaf(long v) {
      return genuine.get((int) v - 1).leafHash();
    }

    long publishedEvent(long v) {
      for (JsonNode e : events) {
        String text = e.get("event").asText();
        if (text.contains("\ntype version-published\n") && text.contains("\nversion " + v + "\n")) {
          return e.get("seq").asLong();
        }
      }
      throw new AssertionError("no version-published event of version " + v);
    }

    /**
     * Serves the forged changes and manifests through {@code proxy}; with {@code chain}, also the
     * audit chain recomputed to fit them (each leaf and root, each hash, each manifest's anchor).
     */
    void manifestsAndChanges(TamperingProxy proxy, boolean chain) {
      TreeSet<String> list = new TreeSet<>();
      Map<Long, Hash> anchors = new HashMap<>();
      for (Manifest m : genuine) {
        anchors.put(m.version(), m.audit());
      }
      if (chain) {
        rechain(anchors);
      } else {
        forgeManifests(list, anchors);
      }
      proxy.onPath(
          "/v1/versions/" + version + "/changes",
          VerifyServerTest.changes(
              c -> {
                VerifyServerTest.drop(c, "added", name);
                return replacement == null ? c : VerifyServerTest.add(c, "added", replacement);
              }));
      proxy.onPath(
          "/v1/versions",
          a -> {
            ObjectNode page = VerifyServerTest.json(a);
            for (JsonNode item : page.get("versions")) {
              Manifest m = manifests.get((int) item.get("version").asLong() - 1);
              ((ObjectNode) item).put("manifest", m.text());
            }
            return a.withBody(page.toString());
          });
      if (chain) {
        proxy.onPath(
            "/v1/audit/events",
            a -> {
              ObjectNode page = VerifyServerTest.json(a);
              for (JsonNode item : page.get("events")) {
                long seq = item.get("seq").asLong();
                if (eventTexts.containsKey(seq)) {
                  ((ObjectNode) item).put("event", eventTexts.get(seq));
                  ((ObjectNode) item).put("hash", eventHashes.get(seq));
                }
              }
              return a.withBody(page.toString());
            });
      }
    }

    /** The manifests without {@code name}, each anchored where {@code anchors} says. */
    private void forgeManifests(TreeSet<String> list, Map<Long, Hash> anchors) {
      manifests.clear();
      for (int i = 0; i < genuine.size(); i++) {
        Manifest m = genuine.get(i);
        List<String> added = names(changes.get(i), "added");
        List<String> removed = names(changes.get(i), "removed");
        if (m.version() == version) {
          added.remove(name);
          if (replacement != null) {
            added.add(replacement);
            java.util.Collections.sort(added);
          }
        }
        list.addAll(added);
        list.removeAll(removed);
        manifests.add(
            new Manifest(
                m.origin(),
                m.version(),
                m.published(),
                m.requisition(),
                m.action(),
                added.size(),
                removed.size(),
                list.size(),
                ListTexts.snapshotDigest(list),
                ListTexts.changesDigest(added, removed),
                anchors.get(m.version())));
      }
    }

    /**
     * Recomputes the chain from the first event: an approval's new hash becomes its manifest's
     * anchor, which changes that manifest's leaf, which its version-published event records.
     */
    private void rechain(Map<Long, Hash> anchors) {
      Hash h = Hash.ZERO;
      MerkleTree tree = new MerkleTree();
      for (JsonNode e : events) {
        long seq = e.get("seq").asLong();
        String text = e.get("event").asText();
        long v = versionOf(text);
        if (text.contains("\ntype version-published\n") && v >= 1) {
          forgeManifests(new TreeSet<>(), anchors);
          Manifest m = manifests.get((int) v - 1);
          tree.append(m.leafHash());
          text =
              text.replaceFirst("\nleaf [0-9a-f]+\n", "\nleaf " + m.leafHash().hex() + "\n")
                  .replaceFirst("\nroot [0-9a-f]+\n", "\nroot " + tree.root(v).hex() + "\n");
        }
        h = Hash.sha256(h.toByteArray(), text.getBytes(StandardCharsets.UTF_8));
        if (text.contains("\ntype requisition-approved\n")) {
          anchors.put(v, h);
        }
        eventTexts.put(seq, text);
        eventHashes.put(seq, h.hex());
      }
      forgeManifests(new TreeSet<>(), anchors);
    }

    private static long versionOf(String text) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\nversion ([0-9]+)\n").matcher(text);
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static List<String> names(JsonNode changes, String key) {
      List<String> out = new ArrayList<>();
      changes.get(key).forEach(n -> out.add(n.asText()));
      return out;
    }
  }
}
