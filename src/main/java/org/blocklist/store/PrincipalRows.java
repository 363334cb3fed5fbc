package org.blocklist.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blocklist.auth.Principal;
import org.blocklist.auth.Role;
import org.blocklist.log.Hash;

/** The {@code principals} table. Revoked principals keep their row (and their name). */
public final class PrincipalRows {
  private PrincipalRows() {}

  public static boolean exists(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM principals WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  public static void insert(Connection c, Principal p, Hash tokenHash, Instant created)
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

  /** Returns the revoked principal, or empty if there is no active principal of that name. */
  public static Optional<Principal> revoke(Connection c, String name, Instant at)
      throws SQLException {
    Optional<Principal> active = Optional.empty();
    try (PreparedStatement s =
        c.prepareStatement("SELECT role FROM principals WHERE name = ? AND revoked IS NULL")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          active = Optional.of(new Principal(name, Role.fromCode(rs.getString(1))));
        }
      }
    }
    if (active.isPresent()) {
      try (PreparedStatement s =
          c.prepareStatement("UPDATE principals SET revoked = ? WHERE name = ?")) {
        s.setString(1, Times.format(at));
        s.setString(2, name);
        s.executeUpdate();
      }
    }
    return active;
  }

  /** The active (not revoked) principal holding the token with this hash. */
  public static Optional<Principal> byTokenHash(Connection c, Hash tokenHash) throws SQLException {
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
  public static List<Principal> withRole(Connection c, Role role) throws SQLException {
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
}
