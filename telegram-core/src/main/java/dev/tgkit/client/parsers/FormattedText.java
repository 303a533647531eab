package dev.tgkit.client.parsers;

import dev.tgkit.tl.api.MessageEntity;
import java.util.List;
import java.util.Objects;

/**
 * Plain text and the entities that format it, as a message carries them. Offsets and lengths
 * count UTF-16 code units, the units of Java's {@code String} indices.
 *
 * @param text the plain text
 * @param entities the formatting; each covers at least one unit inside {@code text}
 */
public record FormattedText(String text, List<MessageEntity> entities) {

  /**
   * @throws IllegalArgumentException if an entity is empty or reaches outside the text
   */
  public FormattedText {
    Objects.requireNonNull(text, "text must not be null");
    entities = List.copyOf(entities);
    for (MessageEntity entity : entities) {
      EntitySpans.checkInside(entity, text);
    }
  }

  /** Text without formatting. */
  public FormattedText(String text) {
    this(text, List.of());
  }
}
