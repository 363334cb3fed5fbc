package org.blocklist;

import static com.tngtech.archunit.base.DescribedPredicate.and;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layering of the product (STYLE.md, issue 7), checked on the compiled main classes: the ground
 * floor imports nothing of ours above it, faces never touch the store or another face, the ISP
 * client never imports the server, and no two packages depend on each other in a cycle. The package
 * lists below are the oracle, written from the issue, not read from the code.
 */
class ArchitectureTest {
  private static final String ROOT = "org.blocklist.";

  /**
   * Ground floor packages and the ground floor packages each may import. {@code rpz} (the zone
   * server the service and the ISP's sync agent share, with the sockets it binds) knows no server
   * package, and neither does {@code transport} (the Netty plumbing every listener is bound with).
   */
  private static final List<List<String>> GROUND_FLOOR =
      List.of(
          List.of("domain"),
          List.of("log"),
          List.of("signing"),
          List.of("principal"),
          List.of("state", "domain", "log"),
          List.of("rpz", "domain", "log", "transport"),
          List.of("transport"));

  /** Faces read the published state and ports, never the store, and never each other. */
  private static final Set<String> FACES = Set.of("http", "stoppage", "dns", "console");

  /**
   * The ISP client (the feed it reads, the sync agent, the verifier) and what it may import: the
   * agent serves its verified copy through {@code rpz} on sockets it binds with {@code transport}
   * (Netty plumbing that imports nothing of ours: no server code comes with it).
   */
  private static final Set<String> CLIENT = Set.of("feed", "sync", "verify");

  private static final Set<String> CLIENT_MAY_IMPORT =
      Set.of("log", "signing", "domain", "rpz", "transport");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.blocklist");
  }

  static List<List<String>> groundFloor() {
    return GROUND_FLOOR;
  }

  @ParameterizedTest
  @MethodSource("groundFloor")
  void groundFloor_importsOnlyTheGroundFloorBelowIt(List<String> packageAndAllowed) {
    String pkg = packageAndAllowed.get(0);
    List<String> allowed = new ArrayList<>();
    allowed.add(ROOT + pkg + "..");
    for (String other : packageAndAllowed.subList(1, packageAndAllowed.size())) {
      allowed.add(ROOT + other + "..");
    }
    noClasses()
        .that()
        .resideInAPackage(ROOT + pkg + "..")
        .should()
        .dependOnClassesThat(
            and(
                resideInAPackage("org.blocklist.."),
                not(resideInAnyPackage(allowed.toArray(new String[0])))))
        .because(pkg + " is on the ground floor: it may import only " + allowed)
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void faces_neverImportTheStore_norAnotherFace() {
    for (String face : FACES) {
      List<String> forbidden = new ArrayList<>();
      forbidden.add(ROOT + "store..");
      for (String other : FACES) {
        if (!other.equals(face)) {
          forbidden.add(ROOT + other + "..");
        }
      }
      noClasses()
          .that()
          .resideInAPackage(ROOT + face + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(forbidden.toArray(new String[0]))
          .because(face + " is a face: it reads the published state and ports, never the store")
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  void theIspClient_importsOnlyItselfLogSigningDomainRpzAndTransport() {
    for (String client : CLIENT) {
      List<String> allowed = new ArrayList<>();
      CLIENT.forEach(p -> allowed.add(ROOT + p + ".."));
      CLIENT_MAY_IMPORT.forEach(p -> allowed.add(ROOT + p + ".."));
      noClasses()
          .that()
          .resideInAPackage(ROOT + client + "..")
          .should()
          .dependOnClassesThat(
              and(
                  resideInAPackage("org.blocklist.."),
                  not(resideInAnyPackage(allowed.toArray(new String[0])))))
          .because(client + " runs at the ISP: it never imports the server")
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  void packages_haveNoCycles() {
    slices().matching("org.blocklist.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void everyPackage_hasAPackageInfo() {
    Set<String> packages = new TreeSet<>();
    classes.forEach(c -> packages.add(c.getPackageName()));
    List<String> missing = new ArrayList<>();
    for (String pkg : packages) {
      Path info = Path.of("src/main/java", pkg.replace('.', '/'), "package-info.java");
      if (!Files.isRegularFile(info)) {
        missing.add(pkg);
      }
    }
    assertEquals(List.of(), missing, "packages without a package-info.java");
  }
}
