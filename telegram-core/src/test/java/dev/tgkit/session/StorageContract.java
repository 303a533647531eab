package dev.tgkit.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Storage} promises; each implementation's test class extends this. Public (and
 * published in core's test-jar) so storages in other modules, such as the Spring Boot starter's
 * JPA one, are held to the same contract.
 */
public abstract class StorageContract {

  private final List<Storage> opened = new ArrayList<>();

  /** A new, empty storage. */
  protected abstract Storage create();

  /**
   * The same store opened again after {@code closed} was closed, as a restarted client would;
   * a storage that cannot be reopened by another instance returns {@code closed} itself.
   */
  protected abstract Storage reopen(Storage closed);

  private Storage storage() {
    Storage s = create();
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeAll() {
    opened.forEach(Storage::close);
  }

  @Test
  void isEmptyBeforeTheFirstSave() {
    assertThat(storage().load()).isEmpty();
  }

  @Test
  void loadsBackEveryFieldSaved() {
    Storage storage = storage();
    Session full = Sessions.full(7, 3);
    storage.save(full);
    assertThat(storage.load()).contains(full);

    Session fresh = Sessions.fresh(1);
    storage.save(fresh);
    assertThat(storage.load()).contains(fresh);
  }

  @Test
  void aSaveReplacesTheWholeSessionNotJustTheFieldsItHas() {
    Storage storage = storage();
    storage.save(Sessions.full(1, 50));
    Session smaller = Sessions.fresh(3).withUpdateState(new UpdateState(1, 0, 0, 0));

    storage.save(smaller);

    Session loaded = storage.load().orElseThrow();
    assertThat(loaded).isEqualTo(smaller);
    assertThat(loaded.user()).isNull();
    assertThat(loaded.updateState().channelPts()).isEmpty();
  }

  @Test
  void loadsAgainAfterCloseAndCloseTwiceDoesNoHarm() {
    Storage storage = storage();
    Session session = Sessions.full(2, 1);
    storage.save(session);
    storage.close();
    storage.close();

    Storage again = reopen(storage);
    opened.add(again);
    assertThat(again.load()).contains(session);
    Session next = Sessions.full(3, 1);
    again.save(next);
    again.close();
    assertThat(reopen(again).load()).contains(next);
  }

  @Test
  void deleteForgetsTheSessionForGood() {
    Storage storage = storage();
    storage.save(Sessions.full(4, 2));
    storage.delete();
    assertThat(storage.load()).isEmpty();
    storage.close();
    Storage again = reopen(storage);
    opened.add(again);
    assertThat(again.load()).isEmpty();
    again.delete(); // nothing to delete is fine
  }

  @Test
  void concurrentSavesLeaveOneOfTheSavedSessionsWhole() throws Exception {
    Storage storage = storage();
    int threads = 8;
    int each = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    List<Session> saved = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int base = t * each;
      for (int i = 0; i < each; i++) {
        saved.add(Sessions.full(base + i + 1, 20));
      }
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < each; i++) {
          storage.save(Sessions.full(base + i + 1, 20));
          assertThat(storage.load()).isPresent();
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(saved).contains(storage.load().orElseThrow());
  }
}
