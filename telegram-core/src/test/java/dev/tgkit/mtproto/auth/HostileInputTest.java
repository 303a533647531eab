package dev.tgkit.mtproto.auth;

import static dev.tgkit.mtproto.auth.RecordedFlow.NOW;
import static dev.tgkit.mtproto.auth.RecordedFlow.V;
import static dev.tgkit.mtproto.auth.TestServer.KEY;
import static dev.tgkit.mtproto.auth.TestServer.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Every step reads bytes from the network: truncated and oversized input must end in a {@link
 * HandshakeException}, quickly, and random input in that or (where it happens to be valid) an
 * answer; never in another exception, a hang or a huge allocation.
 */
class HostileInputTest {

  private static final Duration FAST = Duration.ofSeconds(20);

  /** Prefixes of {@code valid}, {@code valid} with bytes appended, and random garbage. */
  private static void assertRejectsCleanly(String what, byte[] valid, Consumer<byte[]> step) {
    Assertions.assertTimeoutPreemptively(
        FAST,
        () -> {
          for (int length = 0; length < valid.length; length++) {
            assertRejected(what + " truncated to " + length, Arrays.copyOf(valid, length), step);
          }
          assertRejected(
              what + " with a trailing int", Arrays.copyOf(valid, valid.length + 4), step);
          SplittableRandom random = new SplittableRandom(what.hashCode());
          for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[random.nextInt(valid.length * 2 + 1)];
            random.nextBytes(garbage);
            if (i % 2 == 0 && garbage.length >= 4) {
              System.arraycopy(valid, 0, garbage, 0, 4); // the right constructor id
            }
            assertNoOtherFailure(what + " garbage #" + i, garbage, step);
          }
          // A TL bytes field claiming 16 MiB right after the fixed fields.
          byte[] huge = Arrays.copyOf(valid, Math.max(valid.length, 40));
          huge[36] = (byte) 0xFE;
          huge[37] = (byte) 0xFF;
          huge[38] = (byte) 0xFF;
          huge[39] = (byte) 0xFF;
          assertRejected(what + " with a 16 MiB length", huge, step);
        });
  }

  /**
   * Random bytes with the right constructor id can be a valid message (any 20 bytes starting with
   * req_pq_multi's id are one), so garbage may be accepted; it must not fail otherwise.
   */
  private static void assertNoOtherFailure(
      String description, byte[] input, Consumer<byte[]> step) {
    try {
      step.accept(input);
    } catch (HandshakeException expected) {
      assertThat(expected.getMessage()).as(description).doesNotContain("null");
    }
  }

  private static void assertRejected(String description, byte[] input, Consumer<byte[]> step) {
    assertThatThrownBy(() -> step.accept(input))
        .as(description)
        .isInstanceOf(HandshakeException.class)
        .hasMessageNotContaining("null");
  }

  @Test
  void clientStep2RejectsHostileResPq() {
    var state = RecordedFlow.afterStep1();
    byte[] random = V.hex("step2_random");

    assertRejectsCleanly("resPQ", V.hex("step1_response"), b -> state.step2(b, random));
  }

  @Test
  void clientStep3RejectsHostileServerDhParams() {
    var state = RecordedFlow.afterStep2();
    byte[] random = V.hex("step3_random");

    assertRejectsCleanly(
        "server_DH_params_ok", V.hex("step2_response"), b -> state.step3(b, random, NOW));
  }

  @Test
  void clientStep4RejectsHostileDhGenAnswer() {
    var state = RecordedFlow.afterStep3();

    assertRejectsCleanly("dh_gen_ok", V.hex("step3_response"), state::step4);
  }

  @Test
  void serverRejectsHostileReqPq() {
    byte[] reqPq = V.hex("step1_request");

    assertRejectsCleanly(
        "req_pq_multi", reqPq, b -> SERVER.answerReqPq(b, new SplittableRandom(1)));
  }

  @Test
  void serverRejectsHostileReqDhParams() {
    var options = ClientHandshake.Options.of(List.of(KEY.publicKey()));
    var c1 = ClientHandshake.step1(options, new SplittableRandom(1));
    var s1 = SERVER.answerReqPq(c1.request(), new SplittableRandom(2));
    byte[] valid = c1.next().step2(s1.response(), new SplittableRandom(3)).request();

    assertRejectsCleanly(
        "req_DH_params", valid, b -> s1.next().answerReqDhParams(b, new SplittableRandom(4), NOW));
  }

  @Test
  void serverRejectsHostileSetClientDhParams() {
    var options = ClientHandshake.Options.of(List.of(KEY.publicKey()));
    var c1 = ClientHandshake.step1(options, new SplittableRandom(1));
    var s1 = SERVER.answerReqPq(c1.request(), new SplittableRandom(2));
    var c2 = c1.next().step2(s1.response(), new SplittableRandom(3));
    var s2 = s1.next().answerReqDhParams(c2.request(), new SplittableRandom(4), NOW);
    byte[] valid = c2.next().step3(s2.response(), new SplittableRandom(5), NOW).request();

    assertRejectsCleanly(
        "set_client_DH_params", valid, b -> s2.next().answerSetClientDhParams(b, id -> false));
    assertThat(s2.next().answerSetClientDhParams(valid, id -> false))
        .isInstanceOf(ServerHandshake.Accepted.class);
  }
}
