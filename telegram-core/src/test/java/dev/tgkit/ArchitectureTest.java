package dev.tgkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layer directions and the sans-IO rule of ARCHITECTURE.md, enforced on the main classes. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tgkit");
  }

  @Test
  void lowerLayersNeverReachUpward() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("client").definedBy("dev.tgkit.client..")
        .layer("session").definedBy("dev.tgkit.session..")
        .layer("net").definedBy("dev.tgkit.net..")
        .layer("mtproto").definedBy("dev.tgkit.mtproto..")
        .layer("crypto").definedBy("dev.tgkit.crypto..")
        .layer("tl").definedBy("dev.tgkit.tl..")
        .whereLayer("client").mayNotBeAccessedByAnyLayer()
        .whereLayer("session").mayOnlyBeAccessedByLayers("client")
        .whereLayer("net").mayOnlyBeAccessedByLayers("client")
        .whereLayer("mtproto").mayOnlyBeAccessedByLayers("net", "session", "client")
        .whereLayer("crypto").mayOnlyBeAccessedByLayers("mtproto", "net", "session", "client")
        .whereLayer("tl").mayOnlyBeAccessedByLayers("mtproto", "net", "session", "client")
        .check(classes);
  }

  @Test
  void onlyTheNetworkLayerTouchesNetty() {
    noClasses()
        .that().resideOutsideOfPackage("dev.tgkit.net..")
        .should().dependOnClassesThat().resideInAnyPackage("io.netty..")
        .because("IO lives in net: the client, its services and its pool's keys reach Netty only through it")
        .check(classes);
  }

  @Test
  void sansIoLayersTakeTimeRandomnessAndIoFromOutside() {
    String[] sansIo = {"dev.tgkit.tl..", "dev.tgkit.crypto..", "dev.tgkit.mtproto.."};
    noClasses()
        .that().resideInAnyPackage(sansIo)
        .should().dependOnClassesThat().resideInAnyPackage(
            "java.net..", "java.nio.channels..", "io.netty..", "java.util.concurrent..")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Instant.class, "now")
        .orShould().callMethod(Clock.class, "systemUTC")
        .orShould().callMethod(Clock.class, "systemDefaultZone")
        .orShould().callMethod(Thread.class, "sleep", long.class)
        .orShould().callConstructor(SecureRandom.class)
        .orShould().callMethod(SecureRandom.class, "getInstanceStrong")
        .because("mtproto, crypto and tl are sans-IO: time, randomness and IO are passed in")
        .check(classes);
  }
}
