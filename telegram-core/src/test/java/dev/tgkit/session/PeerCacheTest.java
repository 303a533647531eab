package dev.tgkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.session.PeerCache.Kind;
import dev.tgkit.session.PeerCache.Known;
import dev.tgkit.session.PeerRef.ChannelRef;
import dev.tgkit.session.PeerRef.GroupRef;
import dev.tgkit.session.PeerRef.UserRef;
import dev.tgkit.tl.api.Channel;
import dev.tgkit.tl.api.ChannelForbidden;
import dev.tgkit.tl.api.Chat;
import dev.tgkit.tl.api.ChatCtor;
import dev.tgkit.tl.api.ChatForbidden;
import dev.tgkit.tl.api.PeerChannel;
import dev.tgkit.tl.api.PeerChat;
import dev.tgkit.tl.api.PeerUser;
import dev.tgkit.tl.api.User;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.UserEmpty;
import dev.tgkit.tl.api.UpdatesCtor;
import dev.tgkit.tl.api.auth.AuthorizationCtor;
import dev.tgkit.tl.api.contacts.ResolvedPeerCtor;
import dev.tgkit.tl.api.messages.MessagesCtor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PeerCacheTest {

  private final PeerCache cache = new PeerCache();

  static UserCtor user(long id, @Nullable Long hash, boolean min) {
    return TlValues.of(UserCtor.class, "id", id, "accessHash", hash, "min", min, "firstName", "U" + id);
  }

  static Channel channel(long id, @Nullable Long hash, boolean min, boolean broadcast) {
    return TlValues.of(Channel.class, "id", id, "accessHash", hash, "min", min, "broadcast", broadcast,
        "megagroup", !broadcast, "title", "C" + id);
  }

  static UpdatesCtor updates(List<User> users, List<Chat> chats) {
    return new UpdatesCtor(List.of(), users, chats, 1_700_000_000, 1);
  }

  @Test
  void learnsUsersGroupsAndChannelsFromUpdates() {
    cache.learn(updates(List.of(user(1, 11L, false), user(2, 22L, false), new UserEmpty(3)),
        List.of(channel(10, 100L, false, true), TlValues.of(ChatCtor.class, "id", 20L, "title", "G"))));

    assertThat(cache.userRef(1)).contains(new UserRef(1, 11));
    assertThat(cache.ref(new PeerUser(2))).contains(new UserRef(2, 22));
    assertThat(cache.ref(new PeerChannel(10))).contains(new ChannelRef(10, 100));
    assertThat(cache.known(Kind.CHANNEL, 10)).contains(new Known(new ChannelRef(10, 100), false, true, false));
    assertThat(cache.known(Kind.GROUP, 20)).contains(new Known(new GroupRef(20), false, false, false));
    assertThat(cache.userRef(3)).isEmpty();
    assertThat(cache.userRef(10)).as("ids of different kinds are different peers").isEmpty();
    assertThat(cache.size()).isEqualTo(4);
  }

  @Test
  void learnsFromResultsOfEveryShapeIncludingASingleUser() {
    cache.learn(TlValues.of(MessagesCtor.class, "users", List.of(user(1, 11L, false)),
        "chats", List.of(channel(5, 55L, false, false))));
    cache.learn(new ResolvedPeerCtor(new PeerChannel(6), List.of(channel(6, 66L, false, true)), List.of()));
    cache.learn(TlValues.of(AuthorizationCtor.class, "user", user(7, 77L, false)));

    assertThat(cache.userRef(1)).contains(new UserRef(1, 11));
    assertThat(cache.channelRef(5)).contains(new ChannelRef(5, 55));
    assertThat(cache.channelRef(6)).contains(new ChannelRef(6, 66));
    assertThat(cache.userRef(7)).contains(new UserRef(7, 77));
  }

  @Test
  void aMinConstructorNeverOverwritesAFullAccessHash() {
    cache.learn(updates(List.of(user(1, 11L, false)), List.of(channel(2, 22L, false, true))));
    cache.learn(updates(List.of(user(1, 99L, true)), List.of(channel(2, 98L, true, true))));

    assertThat(cache.userRef(1)).contains(new UserRef(1, 11));
    assertThat(cache.channelRef(2)).contains(new ChannelRef(2, 22));
    assertThat(cache.known(Kind.USER, 1).orElseThrow().min()).isFalse();
  }

  @Test
  void aMinHashIsKeptAsSuchUntilAFullOneArrives() {
    cache.learn(updates(List.of(user(1, 99L, true)), List.of(channel(2, 98L, true, false))));

    assertThat(cache.userRef(1)).as("a min hash does not work in requests").isEmpty();
    assertThat(cache.ref(new PeerChannel(2))).isEmpty();
    assertThat(cache.known(Kind.USER, 1)).contains(new Known(new UserRef(1, 99), true, false, false));

    cache.learn(updates(List.of(user(1, 11L, false)), List.of(channel(2, 22L, false, false))));
    assertThat(cache.userRef(1)).contains(new UserRef(1, 11));
    assertThat(cache.channelRef(2)).contains(new ChannelRef(2, 22));
  }

  @Test
  void aMissingHashNeverErasesAKnownOneButFlagsFollowTheLatestSighting() {
    cache.learn(updates(List.of(user(1, 11L, false)), List.of(channel(2, 22L, false, false))));
    cache.learn(updates(List.of(user(1, null, false)), List.of(channel(2, null, false, true))));

    assertThat(cache.userRef(1)).contains(new UserRef(1, 11));
    assertThat(cache.known(Kind.CHANNEL, 2)).contains(new Known(new ChannelRef(2, 22), false, true, false));
  }

  @Test
  void forbiddenChatsAndChannelsAreStillPeers() {
    cache.learn(updates(List.of(), List.of(new ChatForbidden(3, "gone"),
        new ChannelForbidden(false, true, false, 4, 44L, "banned", null))));

    assertThat(cache.ref(new PeerChat(3))).contains(new GroupRef(3));
    assertThat(cache.known(Kind.GROUP, 3)).isPresent();
    assertThat(cache.channelRef(4)).contains(new ChannelRef(4, 44));
    assertThat(cache.known(Kind.CHANNEL, 4).orElseThrow().megagroup()).isTrue();
  }

  @Test
  void smallGroupsNeedNoHashSoAnyGroupHasARef() {
    assertThat(cache.ref(new PeerChat(77))).contains(new GroupRef(77));
    assertThat(cache.ref(new PeerUser(77))).isEmpty();
    assertThat(cache.ref(new PeerChannel(77))).isEmpty();
  }

  @Test
  void idsNoPeerCanHaveAreIgnoredNotThrown() {
    cache.learn(updates(List.of(user(0, 1L, false), user(-5, 2L, false)), List.of(channel(-100123, 3L, false, true))));
    assertThat(cache.size()).isZero();
  }

  @Test
  void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
    PeerCache small = new PeerCache(3);
    small.learn(updates(List.of(user(1, 11L, false), user(2, 22L, false), user(3, 33L, false)), List.of()));
    assertThat(small.userRef(1)).isPresent(); // 1 is now the most recently used

    small.learn(updates(List.of(user(4, 44L, false)), List.of()));

    assertThat(small.size()).isEqualTo(3);
    assertThat(small.userRef(2)).isEmpty();
    assertThat(small.userRef(1)).isPresent();
    assertThat(small.userRef(3)).isPresent();
    assertThat(small.userRef(4)).isPresent();
    assertThatThrownBy(() -> new PeerCache(0)).hasMessageContaining("at least 1");
  }

  @Test
  void learnsFromManyThreadsAtOnceWithoutLosingAPeer() throws Exception {
    int threads = 4;
    int perThread = 10_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long base = 1 + (long) t * perThread;
      done.add(pool.submit(() -> {
        start.await();
        for (long id = base; id < base + perThread; id += 100) {
          List<User> users = new ArrayList<>();
          for (long i = id; i < id + 100; i++) {
            users.add(user(i, i * 7, false));
          }
          cache.learn(updates(users, List.of()));
          assertThat(cache.userRef(id)).isPresent();
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(cache.size()).isEqualTo(threads * perThread);
    for (long id = 1; id <= (long) threads * perThread; id++) {
      assertThat(cache.userRef(id)).contains(new UserRef(id, id * 7));
    }
  }

  @Test
  void toStringSaysHowManyPeersNotWhich() {
    cache.learn(updates(List.of(user(1, 11L, false)), List.of()));
    assertThat(cache).hasToString("PeerCache[1 of 100000 peers]");
  }
}
