package dev.tgkit.tl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.tgkit.tl.api.Message;
import dev.tgkit.tl.api.RichText;
import dev.tgkit.tl.api.TextBold;
import dev.tgkit.tl.api.TextPlain;
import dev.tgkit.tl.api.TlApi;
import dev.tgkit.tl.api.messages.Messages;
import dev.tgkit.tl.api.messages.MessagesCtor;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bytes from the network can be anything. Decoding them must end in a value or a {@link
 * TlDecodeException}: never a hang, an {@link OutOfMemoryError}, a {@link StackOverflowError} or
 * another exception the network layer would not expect.
 */
@Timeout(60)
class HostileInputTest {

  private static byte[] messages;

  @BeforeAll
  static void serializeARealObject() {
    SampleValues samples = new SampleValues(true, GeneratedRoundTripTest.simplestFunction("dev.tgkit.tl.api"));
    messages = samples.of(MessagesCtor.class).toByteArray();
  }

  @Test
  void truncationAtEveryOffsetFailsCleanly() {
    assertThat(messages.length).isGreaterThan(1000);
    for (int length = 0; length < messages.length; length++) {
      TlReader in = new TlReader(messages, 0, length);
      int cut = length;
      assertThatThrownBy(() -> Messages.read(in)).as("cut at %d", cut).isInstanceOf(TlDecodeException.class);
      assertThatThrownBy(() -> TlApi.readObject(new TlReader(messages, 0, cut))).isInstanceOf(TlDecodeException.class);
    }
  }

  @Test
  void aLongBytesLengthBeyondTheInputFailsWithoutAllocatingIt() {
    byte[] wire = new byte[14];
    wire[0] = (byte) 0xfe;
    wire[1] = (byte) 0xff;
    wire[2] = (byte) 0xff;
    wire[3] = (byte) 0xff; // 0xFFFFFF bytes claimed, 10 present
    long allocated = allocatedBy(() -> assertThatThrownBy(() -> new TlReader(wire).readBytes())
        .isInstanceOf(TlDecodeException.class)
        .hasMessageContaining("bytes of length 16777215 exceed the 14 bytes left"));
    assertThat(allocated).isLessThan(1 << 20);
  }

  @Test
  void aHugeVectorCountFailsWithoutAllocatingIt() {
    byte[] wire = new TlWriter().writeInt(TlReader.VECTOR).writeInt(Integer.MAX_VALUE).writeLong(1).toByteArray();
    long allocated = allocatedBy(() -> {
      assertThatThrownBy(() -> Message.readVector(new TlReader(wire)))
          .isInstanceOf(TlDecodeException.class)
          .hasMessageContaining("vector count 2147483647 impossible with 8 bytes left");
      assertThatThrownBy(() -> new TlReader(wire).readLongVector()).isInstanceOf(TlDecodeException.class);
    });
    assertThat(allocated).isLessThan(1 << 20);
    byte[] negative = new TlWriter().writeInt(TlReader.VECTOR).writeInt(-1).toByteArray();
    assertThatThrownBy(() -> new TlReader(negative).readIntVector()).isInstanceOf(TlDecodeException.class);
  }

  @Test
  void anUnknownConstructorNamesTheIdTheTypeAndTheOffset() {
    byte[] wire = new TlWriter().writeInt(0xdeadbeef).toByteArray();
    assertThatThrownBy(() -> Message.read(new TlReader(wire)))
        .isInstanceOf(UnknownConstructorException.class)
        .hasMessage("unknown constructor id 0xdeadbeef for type Message (at offset 0)")
        .satisfies(e -> {
          UnknownConstructorException u = (UnknownConstructorException) e;
          assertThat(u.constructorId()).isEqualTo(0xdeadbeef);
          assertThat(u.expectedType()).isEqualTo("Message");
          assertThat(u.offset()).isZero();
        });
    // Nested: textBold's text field holds a bogus id at offset 4.
    byte[] nested = new TlWriter().writeInt(TextBold.CONSTRUCTOR_ID).writeInt(0x12345678).toByteArray();
    assertThatThrownBy(() -> RichText.read(new TlReader(nested)))
        .isInstanceOf(UnknownConstructorException.class)
        .hasMessage("unknown constructor id 0x12345678 for type RichText (at offset 4)");
    assertThatThrownBy(() -> TlApi.readObject(new TlReader(wire)))
        .isInstanceOf(UnknownConstructorException.class)
        .hasMessageContaining("0xdeadbeef for type api.tl Object");
    assertThatThrownBy(() -> TlApi.readFunction(new TlReader(wire)))
        .isInstanceOf(UnknownConstructorException.class)
        .hasMessageContaining("0xdeadbeef for type api.tl function");
  }

  @Test
  void aGzipBombBeyondTheInflateLimitFailsFast() {
    byte[] zeros = new byte[TlReader.MAX_INFLATED_SIZE + 4096];
    byte[] bomb = GzipPacked.pack(zeros).toByteArray();
    assertThat(bomb.length).isLessThan(100_000);
    long start = System.nanoTime();
    assertThatThrownBy(() -> Message.read(new TlReader(bomb)))
        .isInstanceOf(TlDecodeException.class)
        .hasMessageContaining("inflated size exceeds");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void deepNestingFailsInsteadOfOverflowingTheStack() {
    int depth = 100_000;
    TlWriter w = new TlWriter();
    for (int i = 0; i < depth; i++) {
      w.writeInt(TextBold.CONSTRUCTOR_ID);
    }
    new TextPlain("x").serialize(w);
    byte[] wire = w.toByteArray();
    assertThatThrownBy(() -> RichText.read(new TlReader(wire)))
        .isInstanceOf(TlDecodeException.class)
        .hasMessageContaining("nested deeper than " + TlReader.MAX_DEPTH);
    // gzip_packed layers do not reset the count.
    RichText value = new TextPlain("x");
    for (int i = 0; i < TlReader.MAX_DEPTH + 5; i++) {
      value = new TextBold(value);
    }
    byte[] packed = GzipPacked.pack(value.toByteArray()).toByteArray();
    assertThatThrownBy(() -> RichText.read(new TlReader(packed))).isInstanceOf(TlDecodeException.class);
    // Legitimate nesting well inside the bound reads fine.
    RichText ok = new TextPlain("y");
    for (int i = 0; i < 50; i++) {
      ok = new TextBold(ok);
    }
    assertThat(RichText.read(new TlReader(ok.toByteArray()))).isEqualTo(ok);
  }

  @Test
  void nestedQueriesAreBoundedToo() {
    TlWriter w = new TlWriter();
    for (int i = 0; i < 10_000; i++) {
      w.writeInt(dev.tgkit.tl.api.InvokeWithoutUpdates.CONSTRUCTOR_ID);
    }
    w.writeInt(dev.tgkit.tl.api.help.GetConfig.CONSTRUCTOR_ID);
    assertThatThrownBy(() -> TlApi.readFunction(new TlReader(w.toByteArray())))
        .isInstanceOf(TlDecodeException.class)
        .hasMessageContaining("nested deeper");
  }

  @Test
  void mutatedAndRandomBytesDecodeOrFailCleanly() {
    Random random = new Random(20240601);
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(messages);
    for (boolean full : new boolean[] {true, false}) {
      SampleValues samples = new SampleValues(full, GeneratedRoundTripTest.simplestFunction("dev.tgkit.tl.api"));
      for (Class<? extends TlObject> c : GeneratedRoundTripTest.constructorsOf("dev.tgkit.tl.api")) {
        if (random.nextInt(8) == 0) {
          seeds.add(samples.of(c).toByteArray());
        }
      }
    }
    int decoded = 0;
    int rejected = 0;
    for (int round = 0; round < 20_000; round++) {
      byte[] input;
      if (round % 10 == 0) {
        input = new byte[random.nextInt(64)];
        random.nextBytes(input);
      } else {
        input = seeds.get(random.nextInt(seeds.size())).clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && input.length > 0; i++) {
          input[random.nextInt(input.length)] = (byte) random.nextInt(256);
        }
      }
      try {
        TlApi.readObject(new TlReader(input));
        decoded++;
      } catch (TlDecodeException e) {
        rejected++;
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        fail("input %s raised %s", java.util.HexFormat.of().formatHex(input), e);
      }
    }
    assertThat(decoded).isPositive();
    assertThat(rejected).isPositive();
  }

  /** Bytes this thread allocated while running {@code action}. */
  private static long allocatedBy(Runnable action) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    action.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

}
