package dev.tgkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryStorageTest extends StorageContract {

  @Override
  protected Storage create() {
    return new MemoryStorage();
  }

  @Override
  protected Storage reopen(Storage closed) {
    return closed; // nothing outlives the instance
  }

  @Test
  void startsFromAGivenSessionAndGivesBackWhatWasSavedSince() {
    Session given = Sessions.full(3, 2);
    MemoryStorage storage = new MemoryStorage(given);
    assertThat(storage.load()).contains(given);

    Session next = Sessions.fresh(2);
    storage.save(next);
    assertThat(storage.session()).contains(next);
    assertThat(storage.toString()).isEqualTo("MemoryStorage[saved]");
    assertThatThrownBy(() -> new MemoryStorage(null)).isInstanceOf(NullPointerException.class).hasMessage("session");
  }
}
