package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.client.events.Continue;
import dev.tgkit.client.events.ContinuingHandler;
import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageDeleted;
import dev.tgkit.client.events.NewMessage;
import dev.tgkit.client.filters.Filter;
import dev.tgkit.client.filters.Filters;
import dev.tgkit.client.types.Message;
import dev.tgkit.client.types.PeerMap;
import dev.tgkit.tl.api.MessageCtor;
import dev.tgkit.tl.api.PeerUser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandlersTest {

  private static NewMessage message(long chat, int id, String text) {
    MessageCtor raw = MessageCtor.builder(id, new PeerUser(chat), 1_700_000_000, text).build();
    return new NewMessage(Message.of(raw, new PeerMap(), 1), "bot");
  }

  private static ContinuingHandler<NewMessage> recording(List<String> log, String name, Continue result) {
    return event -> {
      log.add(name);
      return result;
    };
  }

  @Test
  void theFirstMatchingHandlerRunsAndTheRestAreSkipped() {
    Handlers handlers = new Handlers(false, 100);
    List<String> ran = new ArrayList<>();
    handlers.add(NewMessage.class, Filters.command("/other"), new Object(), recording(ran, "other", Continue.STOP),
        null);
    handlers.add(NewMessage.class, Filters.command("/start"), new Object(), recording(ran, "start", Continue.STOP),
        null);
    handlers.add(NewMessage.class, Filters.any(), new Object(), recording(ran, "catch-all", Continue.STOP), null);

    handlers.handle(message(7, 1, "/start"));

    assertThat(ran).containsExactly("start");
  }

  @Test
  void continueLetsTheNextHandlersSeeTheEvent() {
    Handlers handlers = new Handlers(false, 100);
    List<String> ran = new ArrayList<>();
    handlers.add(NewMessage.class, Filters.any(), new Object(), recording(ran, "first", Continue.CONTINUE), null);
    handlers.add(NewMessage.class, Filters.any(), new Object(), recording(ran, "second", Continue.STOP), null);
    handlers.add(NewMessage.class, Filters.any(), new Object(), recording(ran, "third", Continue.STOP), null);

    handlers.handle(message(7, 1, "x"));

    assertThat(ran).containsExactly("first", "second");
  }

  @Test
  void checkingAllHandlersRunsEveryMatchingOne() {
    Handlers handlers = new Handlers(true, 100);
    List<String> ran = new ArrayList<>();
    handlers.add(NewMessage.class, Filters.any(), new Object(), recording(ran, "first", Continue.STOP), null);
    handlers.add(NewMessage.class, Filters.text("nope"), new Object(), recording(ran, "skipped", Continue.STOP), null);
    handlers.add(NewMessage.class, Filters.any(), new Object(), recording(ran, "third", Continue.STOP), null);

    handlers.handle(message(7, 1, "x"));

    assertThat(ran).containsExactly("first", "third");
  }

  @Test
  void handlersOnlySeeTheirEventType() {
    Handlers handlers = new Handlers(false, 100);
    List<String> ran = new ArrayList<>();
    handlers.add(NewMessage.class, Filters.any(), new Object(), recording(ran, "new", Continue.STOP), null);
    handlers.add(MessageDeleted.class, Filters.any(), new Object(), event -> {
      ran.add("deleted");
      return Continue.STOP;
    }, null);

    handlers.handle(new MessageDeleted(List.of(1), OptionalLong.empty(), null));

    assertThat(ran).containsExactly("deleted");
  }

  @Test
  void aFailingHandlerOrFilterStopsNothingElse() throws Exception {
    Handlers handlers = new Handlers(true, 100);
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    Filter broken = event -> {
      throw new IllegalStateException("broken filter");
    };
    handlers.add(NewMessage.class, broken, new Object(), recording(ran, "never", Continue.STOP), null);
    handlers.add(NewMessage.class, Filters.any(), new Object(), event -> {
      throw new IllegalStateException("broken handler");
    }, null);
    handlers.add(NewMessage.class, Filters.any(), new Object(), recording(ran, "after", Continue.STOP), null);

    CountDownLatch two = new CountDownLatch(2);
    handlers.add(NewMessage.class, Filters.any(), new Object(), event -> {
      two.countDown();
      return Continue.STOP;
    }, null);
    handlers.dispatch(message(7, 1, "x"));
    handlers.dispatch(message(7, 2, "y"));

    assertThat(two.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).containsExactly("after", "after");
  }

  @Test
  void eventsOfOneChatRunInOrderWhileOtherChatsGoOn() throws Exception {
    Handlers handlers = new Handlers(false, 100_000);
    Map<Long, List<Integer>> seen = new ConcurrentHashMap<>();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch otherChatDone = new CountDownLatch(1_000);
    CountDownLatch all = new CountDownLatch(2_000);
    handlers.add(NewMessage.class, Filters.any(), new Object(), (NewMessage event) -> {
      long chat = event.chat().id();
      if (chat == 1 && event.id() == 0) {
        release.await(); // chat 1 is stuck on its first event...
      }
      seen.computeIfAbsent(chat, c -> Collections.synchronizedList(new ArrayList<>())).add(event.id());
      if (chat == 2) {
        otherChatDone.countDown();
      }
      all.countDown();
      return Continue.STOP;
    }, null);
    for (int i = 0; i < 1_000; i++) {
      handlers.dispatch(message(1, i, "x"));
      handlers.dispatch(message(2, i, "x"));
    }

    assertThat(otherChatDone.await(10, TimeUnit.SECONDS)).isTrue(); // ...while chat 2 is all handled
    assertThat(seen.get(1L)).isNull();
    release.countDown();
    assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    List<Integer> expected = java.util.stream.IntStream.range(0, 1_000).boxed().toList();
    assertThat(seen.get(1L)).containsExactlyElementsOf(expected);
    assertThat(seen.get(2L)).containsExactlyElementsOf(expected);
  }

  @Test
  void beyondTheQueueLimitEventsAreDroppedAndCounted() throws Exception {
    Handlers handlers = new Handlers(false, 10);
    CountDownLatch release = new CountDownLatch(1);
    handlers.add(NewMessage.class, Filters.any(), new Object(), (NewMessage event) -> {
      release.await();
      return Continue.STOP;
    }, null);
    for (int i = 0; i < 25; i++) {
      handlers.dispatch(message(1, i, "x"));
    }
    // The first is taken off the queue as it starts; ten wait; the rest were dropped.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (handlers.dropped() < 14 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(handlers.dropped()).isBetween(14L, 15L);
    release.countDown();
  }

  @Test
  void dispatchingWhenThereIsRoomWaitsForAFullQueueInsteadOfDropping() throws Exception {
    Handlers handlers = new Handlers(false, 2);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch all = new CountDownLatch(10);
    handlers.add(NewMessage.class, Filters.any(), new Object(), (NewMessage event) -> {
      release.await();
      ran.add(event.id());
      all.countDown();
      return Continue.STOP;
    }, null);
    Thread dispatcher = Thread.currentThread();
    Thread releaser = Thread.ofVirtual().start(() -> {
      // Once the dispatcher waits for room, the handlers may go on (after 10 s regardless, to fail, not hang).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (dispatcher.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      release.countDown();
    });

    for (int i = 1; i <= 10; i++) {
      handlers.dispatchWhenRoom(message(1, i, "x"));
    }

    releaser.join();
    assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(handlers.dropped()).isZero();
  }

  @Test
  void handlersCanBeRemovedAndTheirFilterReadAndReplaced() {
    Handlers handlers = new Handlers(false, 100);
    List<String> ran = new ArrayList<>();
    Object identity = new Object();
    Filter start = Filters.command("/start");
    handlers.add(NewMessage.class, start, identity, recording(ran, "h", Continue.STOP), null);

    assertThat(handlers.filterOf(identity)).contains(start);
    handlers.setFilter(identity, Filters.command("/go"));
    handlers.handle(message(7, 1, "/start"));
    handlers.handle(message(7, 2, "/go"));
    assertThat(ran).containsExactly("h");

    assertThat(handlers.remove(identity)).isTrue();
    assertThat(handlers.remove(identity)).isFalse();
    assertThat(handlers.filterOf(identity)).isEmpty();
    assertThatThrownBy(() -> handlers.setFilter(identity, start)).hasMessageContaining("no such handler");
    assertThatThrownBy(() -> {
      Object twice = new Object();
      handlers.add(NewMessage.class, start, twice, recording(ran, "a", Continue.STOP), null);
      handlers.add(NewMessage.class, start, twice, recording(ran, "b", Continue.STOP), null);
    }).hasMessageContaining("already added");
  }
}
