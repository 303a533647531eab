package dev.tgkit.mtproto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.tl.api.InitConnection;
import dev.tgkit.tl.api.InvokeAfterMsg;
import dev.tgkit.tl.api.InvokeWithLayer;
import dev.tgkit.tl.api.InvokeWithoutUpdates;
import dev.tgkit.tl.api.help.GetConfig;
import org.junit.jupiter.api.Test;

class InvocationsTest {

  @Test
  void findsTheRequestInsideAnyNestingOfWrappers() {
    GetConfig inner = new GetConfig();
    var wrapped = new InvokeWithLayer<>(228, new InitConnection<>(1, "d", "s", "a", "en", "", "en", null, null,
        new InvokeWithoutUpdates<>(new InvokeAfterMsg<>(42L, inner))));

    assertThat(Invocations.innermost(wrapped)).isSameAs(inner);
    assertThat(Invocations.innermost(inner)).isSameAs(inner);
  }
}
