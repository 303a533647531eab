package dev.tgkit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.testing.Vectors;
import java.math.BigInteger;
import java.util.HexFormat;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SrpTest {

  private static final Vectors V = Vectors.load("srp_2fa.txt");
  private static final int G = Integer.parseInt(V.text("g"));

  private static void assertFails(ThrowingCallable call, SrpException.Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(SrpException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private static Srp.SrpAnswer answer(byte[] p, int g, byte[] b, byte[] a) {
    return Srp.answer(V.hex("password"), V.hex("salt1"), V.hex("salt2"), g, p, b, a);
  }

  @Test
  void computesAAndM1OfGrammersVector() {
    Srp.SrpAnswer answer = answer(V.hex("p"), G, V.hex("g_b(srp_B)"), V.hex("a(random)"));
    assertThat(answer.a()).isEqualTo(V.hex("expected g_a(A)"));
    assertThat(answer.m1()).isEqualTo(V.hex("expected M1"));
  }

  @Test
  void hashesThePasswordToTheVerifiersExponent() {
    byte[] x = Srp.passwordHash(V.hex("password"), V.hex("salt1"), V.hex("salt2"));
    assertThat(x).isEqualTo(V.hex("PH2"));
    BigInteger p = new BigInteger(1, V.hex("p"));
    BigInteger v = BigInteger.valueOf(G).modPow(new BigInteger(1, x), p);
    assertThat(Unsigned.toBytes(v, 256)).isEqualTo(V.hex("v"));
  }

  @Test
  void rejectsBEqualToZero() {
    assertFails(
        () -> answer(V.hex("p"), G, new byte[256], V.hex("a(random)")),
        SrpException.Reason.INVALID_B);
  }

  @Test
  void rejectsBAtOrAboveP() {
    BigInteger p = new BigInteger(1, V.hex("p"));
    assertFails(
        () -> answer(V.hex("p"), G, V.hex("p"), V.hex("a(random)")), SrpException.Reason.INVALID_B);
    byte[] above = Unsigned.toBytes(p.add(BigInteger.TEN), 256);
    assertFails(
        () -> answer(V.hex("p"), G, above, V.hex("a(random)")), SrpException.Reason.INVALID_B);
    byte[] tooLong = new byte[300];
    tooLong[0] = 1;
    assertFails(
        () -> answer(V.hex("p"), G, tooLong, V.hex("a(random)")), SrpException.Reason.INVALID_B);
  }

  @Test
  void rejectsAnUnsafeGroup() {
    byte[] notPrime = Unsigned.toBytes(new BigInteger(1, V.hex("p")).add(BigInteger.TWO), 256);
    assertThatThrownBy(() -> answer(notPrime, G, V.hex("g_b(srp_B)"), V.hex("a(random)")))
        .isInstanceOfSatisfying(
            SrpException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(SrpException.Reason.INVALID_GROUP);
              assertThat(e.getCause()).isInstanceOf(DhCheckException.class);
            });
    assertFails(
        () -> answer(V.hex("p"), 2, V.hex("g_b(srp_B)"), V.hex("a(random)")),
        SrpException.Reason.INVALID_GROUP);
  }

  @Test
  void rejectsAnExponentWhoseAIsUnsafe() {
    byte[] zero = new byte[256]; // g^0 = 1
    assertFails(
        () -> answer(V.hex("p"), G, V.hex("g_b(srp_B)"), zero), SrpException.Reason.INVALID_A);
    byte[] one = new byte[256];
    one[255] = 1; // g^1 = 3, far below the margin
    assertFails(
        () -> answer(V.hex("p"), G, V.hex("g_b(srp_B)"), one), SrpException.Reason.INVALID_A);
  }

  @Test
  void needs256RandomBytes() {
    assertThatThrownBy(() -> answer(V.hex("p"), G, V.hex("g_b(srp_B)"), new byte[255]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SRP needs 256 random bytes for a, got 255");
  }

  @Test
  void hidesTheProofInToString() {
    byte[] m1 = V.hex("expected M1");
    Srp.SrpAnswer answer = new Srp.SrpAnswer(V.hex("expected g_a(A)"), m1);
    assertThat(answer.toString())
        .isEqualTo("SrpAnswer[hidden]")
        .doesNotContain(HexFormat.of().formatHex(m1));
    assertThat(answer).isEqualTo(new Srp.SrpAnswer(V.hex("expected g_a(A)"), m1.clone()));
  }
}
