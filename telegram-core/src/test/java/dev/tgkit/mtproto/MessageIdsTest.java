package dev.tgkit.mtproto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdsTest {

  private static final long NOW = 1_700_000_000_123L;

  @Test
  void clientIdsAreDivisibleByFourAndStrictlyIncreasingWithinOneMillisecond() {
    MessageIds ids = new MessageIds(0);
    long previous = 0;
    for (int i = 0; i < 10_000; i++) {
      long id = ids.nextClientId(NOW);
      assertThat(id % 4).isZero();
      assertThat(id).isGreaterThan(previous);
      previous = id;
    }
    assertThat(MessageIds.seconds(previous)).isEqualTo(NOW / 1000);
  }

  @Test
  void serverIdsCarryTheirKindInTheLowBits() {
    MessageIds ids = new MessageIds(0);
    long answer = ids.nextServerAnswerId(NOW);
    long pushed = ids.nextServerInitiatedId(NOW);
    long answer2 = ids.nextServerAnswerId(NOW);
    assertThat(answer & 3).isEqualTo(1);
    assertThat(pushed & 3).isEqualTo(3);
    assertThat(answer2 & 3).isEqualTo(1);
    assertThat(pushed).isGreaterThan(answer);
    assertThat(answer2).isGreaterThan(pushed);
  }

  @Test
  void theFractionOfTheSecondIsInTheLowWord() {
    assertThat(MessageIds.fromMillis(1_000)).isEqualTo(1L << 32);
    assertThat(MessageIds.fromMillis(1_500)).isEqualTo((1L << 32) | (1L << 31));
  }

  @Test
  void synchronizingAdoptsThePeerClockAtOnceEvenWhenItIsBehind() {
    MessageIds ids = new MessageIds(0);
    long hourAhead = NOW + 3_600_000;
    long early = ids.nextClientId(hourAhead);
    long serverId = MessageIds.fromMillis(NOW) | 1;

    ids.synchronize(serverId, hourAhead);

    long corrected = ids.nextClientId(hourAhead);
    assertThat(MessageIds.seconds(corrected)).isEqualTo(NOW / 1000);
    assertThat(corrected).isLessThan(early);
    assertThat(ids.offsetMillis()).isBetween(NOW - hourAhead - 1, NOW - hourAhead);
  }

  @Test
  void aSmallCorrectionKeepsIdsStrictlyIncreasing() {
    MessageIds ids = new MessageIds(0);
    long sent = ids.nextClientId(NOW);
    ids.synchronize(MessageIds.fromMillis(NOW - 800) | 1, NOW); // server 0.8 s behind us

    assertThat(ids.nextClientId(NOW)).isGreaterThan(sent);
    assertThat(ids.offsetMillis()).isBetween(-801L, -799L);
  }

  @Test
  void idsCarryTheirMillisecondsBothWays() {
    assertThat(MessageIds.toMillis(MessageIds.fromMillis(NOW))).isBetween(NOW - 1, NOW);
  }

  @Test
  void seqNosCountContentRelatedMessages() {
    SeqNos seq = new SeqNos();
    assertThat(seq.next(false)).isEqualTo(0);
    assertThat(seq.next(true)).isEqualTo(1);
    assertThat(seq.next(true)).isEqualTo(3);
    assertThat(seq.next(false)).isEqualTo(4);
    seq.reset();
    assertThat(seq.next(true)).isEqualTo(1);
  }

  @Test
  void receivedIdsDropReplaysAndIdsOlderThanTheWindow() {
    ReceivedIds window = new ReceivedIds(4);
    assertThat(window.record(10)).isTrue();
    assertThat(window.record(30)).isTrue();
    assertThat(window.record(20)).isTrue();
    assertThat(window.record(20)).isFalse();
    assertThat(window.record(40)).isTrue();
    assertThat(window.record(50)).isTrue(); // evicts 10
    assertThat(window.contains(10)).isFalse();
    assertThat(window.record(5)).isFalse(); // older than all remembered
    assertThat(window.isBeyondWindow(29)).isFalse();
    assertThat(window.record(25)).isTrue(); // evicts 20
    assertThat(window.isBeyondWindow(24)).isTrue();
    assertThat(window.isBeyondWindow(26)).isFalse();
  }

  @Test
  void aLargeWindowGrowsAsIdsArriveAndStillRemembersExactlyItsCapacity() {
    ReceivedIds window = new ReceivedIds(100);
    // Out of order within the window, as containers and resends deliver them.
    for (int i = 149; i >= 0; i -= 2) {
      assertThat(window.record(i)).isTrue();
    }
    for (int i = 0; i < 150; i += 2) {
      window.record(i);
    }
    assertThat(window.contains(149)).isTrue();
    assertThat(window.contains(50)).isTrue();
    assertThat(window.contains(49)).isFalse();
    assertThat(window.isBeyondWindow(49)).isTrue();
    assertThat(window.record(120)).isFalse();
    assertThat(window.record(150)).isTrue();
  }
}
