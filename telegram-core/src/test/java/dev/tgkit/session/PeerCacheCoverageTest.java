package dev.tgkit.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.session.PeerCache.Kind;
import dev.tgkit.tl.GeneratedClasses;
import dev.tgkit.tl.SampleValues;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.Channel;
import dev.tgkit.tl.api.ChannelForbidden;
import dev.tgkit.tl.api.ChatCtor;
import dev.tgkit.tl.api.ChatForbidden;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.help.GetConfig;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PeerCache#learn} finds users and chats in every constructor of the schema: each is
 * built full (every optional field present, nested four levels deep), learned, and checked
 * against a plain walk of every component that skips nothing.
 */
class PeerCacheCoverageTest {

  private record Seen(Kind kind, long id) {}

  @Test
  @SuppressWarnings("unchecked")
  void learnsEveryPeerInEveryConstructorOfTheSchema() {
    SampleValues samples = new SampleValues(true, (Class<? extends TlFunction<?>>) (Class<?>) GetConfig.class);
    int constructors = 0;
    int withPeers = 0;
    int nested = 0;
    for (Class<? extends TlObject> type : GeneratedClasses.records("dev.tgkit.tl.api")) {
      if (GeneratedClasses.isFunction(type)) {
        continue;
      }
      constructors++;
      TlObject value = samples.of(type);
      List<Seen> seen = new ArrayList<>();
      boolean deep = everyPeerIn(value, 0, seen);
      PeerCache cache = new PeerCache();
      cache.learn(value);
      for (Seen s : seen) {
        assertThat(cache.known(s.kind(), s.id())).as("%s in %s", s, type.getName()).isPresent();
      }
      assertThat(cache.size()).as(type.getName()).isEqualTo(seen.stream().distinct().count());
      if (!seen.isEmpty()) {
        withPeers++;
      }
      if (deep) {
        nested++;
      }
    }
    System.out.printf("%d constructors, %d hold peers, %d of them below their own lists%n", constructors, withPeers, nested);
    assertThat(withPeers).isGreaterThan(50); // 64 at layer 228 with these samples
    assertThat(nested).isPositive();
  }

  // Every peer the cache should learn, by walking every component; says whether any sat deeper
  // than a list directly in the top value.
  private static boolean everyPeerIn(Object value, int depth, List<Seen> seen) {
    boolean deep = false;
    switch (value) {
      case UserCtor u -> add(seen, Kind.USER, u.id());
      case ChatCtor c -> add(seen, Kind.GROUP, c.id());
      case ChatForbidden c -> add(seen, Kind.GROUP, c.id());
      case Channel c -> add(seen, Kind.CHANNEL, c.id());
      case ChannelForbidden c -> add(seen, Kind.CHANNEL, c.id());
      case List<?> list -> {
        for (Object o : list) {
          deep |= everyPeerIn(o, depth + 1, seen);
        }
        return deep;
      }
      case Record r -> {
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
          Object component;
          try {
            component = rc.getAccessor().invoke(r);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
          if (component != null) {
            deep |= everyPeerIn(component, depth + 1, seen);
          }
        }
        return deep;
      }
      default -> {
        return false;
      }
    }
    return depth > 2;
  }

  private static void add(List<Seen> seen, Kind kind, long id) {
    if (id > 0) {
      seen.add(new Seen(kind, id));
    }
  }
}
