package dev.tgkit.session;

class MemoryStorageTest extends StorageContract {

  @Override
  Storage create() {
    return new MemoryStorage();
  }

  @Override
  Storage reopen(Storage closed) {
    return closed; // nothing outlives the instance
  }
}
