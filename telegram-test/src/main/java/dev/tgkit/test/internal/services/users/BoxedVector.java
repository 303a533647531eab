package dev.tgkit.test.internal.services.users;

import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.TlWriter;
import java.util.List;

/**
 * A boxed {@code Vector<T>} of objects, for the methods Telegram answers with a bare list (such as
 * {@code users.getUsers}): the {@code vector} constructor id, the count, then each element boxed.
 */
public record BoxedVector(List<? extends TlObject> elements) implements TlObject {

  static final int CONSTRUCTOR_ID = 0x1cb5c415;

  public BoxedVector {
    elements = List.copyOf(elements);
  }

  @Override
  public int constructorId() {
    return CONSTRUCTOR_ID;
  }

  @Override
  public void serializeBare(TlWriter out) {
    out.writeInt(elements.size());
    for (TlObject e : elements) {
      e.serialize(out);
    }
  }
}
