package dev.tgkit.client.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageEntityBold;
import dev.tgkit.tl.api.MessageEntityItalic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormattedTextTest {

  @Test
  void entitiesAreCountedInUtf16UnitsUpToTheEndOfTheText() {
    // 👍🏽 is two code points, four UTF-16 units.
    FormattedText text = new FormattedText("👍🏽", List.of(new MessageEntityBold(0, 4)));
    assertThat(text.entities()).containsExactly(new MessageEntityBold(0, 4));
    assertThatThrownBy(() -> new FormattedText("👍🏽", List.of(new MessageEntityBold(0, 5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit a text of 4 UTF-16 units");
  }

  @Test
  void emptyNegativeAndOverflowingEntitiesAreRefused() {
    for (MessageEntity bad : List.of(
        new MessageEntityBold(0, 0), new MessageEntityBold(-1, 2),
        new MessageEntityItalic(1, Integer.MAX_VALUE))) {
      assertThatThrownBy(() -> new FormattedText("abc", List.of(bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("entities need offset >= 0, length >= 1");
    }
  }

  @Test
  void theEntityListIsCopied() {
    List<MessageEntity> entities = new ArrayList<>(List.of(new MessageEntityBold(0, 1)));
    FormattedText text = new FormattedText("a", entities);
    entities.clear();
    assertThat(text.entities()).hasSize(1);
    assertThatThrownBy(() -> text.entities().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
