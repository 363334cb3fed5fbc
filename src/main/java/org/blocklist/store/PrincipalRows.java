package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blocklist.ledger.LedgerStore;
import org.blocklist.ledger.StoredPrincipal;
import org.blocklist.log.Hash;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;

/** The {@code principals} table. Revoked principals keep their row (and their name). */
final class PrincipalRows {
  private PrincipalRows() {}

  static boolean exists(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM principals WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  static void insert(Connection c, Principal p, Hash tokenHash, Instant created)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO principals(name, role, token_sha256, created) VALUES (?, ?, ?, ?)")) {
      s.setString(1, p.name());
      s.setString(2, p.role().code());
      s.setString(3, tokenHash.hex());
      s.setString(4, Times.format(created));
      s.executeUpdate();
    }
  }

  /** The active (not revoked) principal named {@code name}. */
  static Optional<Principal> active(Connection c, String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT role FROM principals WHERE name = ? AND revoked IS NULL")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new Principal(name, Role.fromCode(rs.getString(1))))
            : Optional.empty();
      }
    }
  }

  /** Marks the active principal {@code name} revoked at {@code at}; false if there is none. */
  static boolean revoke(Connection c, String name, Instant at) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE principals SET revoked = ? WHERE name = ? AND revoked IS NULL")) {
      s.setString(1, Times.format(at));
      s.setString(2, name);
      return s.executeUpdate() == 1;
    }
  }

  /** The active (not revoked) principal holding the token with this hash. */
  static Optional<Principal> byTokenHash(Connection c, Hash tokenHash) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT name, role FROM principals WHERE token_sha256 = ? AND revoked IS NULL")) {
      s.setString(1, tokenHash.hex());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Principal(rs.getString(1), Role.fromCode(rs.getString(2))));
      }
    }
  }

  /** Active principals of {@code role}, by name. */
  static List<Principal> withRole(Connection c, Role role) throws SQLException {
    List<Principal> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT name FROM principals WHERE role = ? AND revoked IS NULL ORDER BY name")) {
      s.setString(1, role.code());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Principal(rs.getString(1), role));
        }
      }
    }
    return out;
  }

  /** Streams every principal row, revoked ones included, by name. */
  static <E extends Exception> void history(Connection c, LedgerStore.PrincipalSink<E> sink)
      throws SQLException, E {
    try (PreparedStatement s =
        c.prepareStatement("SELECT name, role, created, revoked FROM principals ORDER BY name")) {
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          sink.accept(
              new StoredPrincipal(
                  rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
    }
  }
}
