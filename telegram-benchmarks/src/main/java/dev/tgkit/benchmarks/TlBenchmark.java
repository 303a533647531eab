package dev.tgkit.benchmarks;

import dev.tgkit.tl.TlReader;
import dev.tgkit.tl.TlWriter;
import dev.tgkit.tl.api.messages.Messages;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A history page as {@code messages.getHistory} returns it: {@code messages.messages} with 100
 * messages (each with text and three entities) and 100 users, serialized and deserialized by the
 * generated code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TlBenchmark {

  private byte[] wire;
  private Messages page;
  private TlWriter writer;

  @Setup
  public void setUp() {
    wire = historyPage(100, 100);
    page = Messages.read(new TlReader(wire));
    writer = new TlWriter(wire.length);
  }

  @Benchmark
  public Messages deserialize() {
    return Messages.read(new TlReader(wire));
  }

  @Benchmark
  public int serialize() {
    writer.reset();
    page.serialize(writer);
    return writer.size();
  }

  /** The wire form, written field by field from the layer-228 schema lines quoted below. */
  static byte[] historyPage(int messageCount, int userCount) {
    TlWriter w = new TlWriter();
    // messages.messages#1d73e7ea messages:Vector<Message> topics:Vector<ForumTopic>
    //   chats:Vector<Chat> users:Vector<User>
    w.writeInt(0x1d73e7ea);
    w.writeInt(TlReader.VECTOR).writeInt(messageCount);
    for (int i = 0; i < messageCount; i++) {
      // message#7600b9d3 flags:# ... flags2:# ... id:int from_id:flags.8?Peer ... peer_id:Peer
      //   ... date:int message:string ... entities:flags.7?Vector<MessageEntity> ...
      w.writeInt(0x7600b9d3).writeInt(1 << 7 | 1 << 8).writeInt(0).writeInt(100_000 + i);
      w.writeInt(0x59511722).writeLong(1_000 + i % userCount); // peerUser from_id
      w.writeInt(0x59511722).writeLong(42); // peerUser peer_id
      w.writeInt(1_700_000_000 + i);
      w.writeString("Message " + i + ": the quick brown fox jumps over the lazy dog, https://example.org/" + i);
      w.writeInt(TlReader.VECTOR).writeInt(3);
      w.writeInt(0xbd610bc9).writeInt(0).writeInt(7); // messageEntityBold
      w.writeInt(0xbd610bc9).writeInt(14).writeInt(5);
      w.writeInt(0x76a6d327).writeInt(60).writeInt(25).writeString("https://example.org/" + i); // messageEntityTextUrl
    }
    w.writeInt(TlReader.VECTOR).writeInt(0); // topics
    w.writeInt(TlReader.VECTOR).writeInt(0); // chats
    w.writeInt(TlReader.VECTOR).writeInt(userCount);
    for (int i = 0; i < userCount; i++) {
      // user#b1b8cc83 flags:# ... flags2:# ... id:long access_hash:flags.0?long
      //   first_name:flags.1?string last_name:flags.2?string username:flags.3?string
      //   ... status:flags.6?UserStatus ...
      w.writeInt(0xb1b8cc83).writeInt(1 | 2 | 4 | 8 | 64).writeInt(0);
      w.writeLong(1_000 + i).writeLong(0x5DEECE66DL * (i + 1));
      w.writeString("First" + i).writeString("Last" + i).writeString("user_" + i);
      w.writeInt(0xedb93949).writeInt(1_700_000_300); // userStatusOnline
    }
    return w.toByteArray();
  }
}
