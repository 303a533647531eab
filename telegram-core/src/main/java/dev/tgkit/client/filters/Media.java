package dev.tgkit.client.filters;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageEvent;
import dev.tgkit.tl.api.Document;
import dev.tgkit.tl.api.DocumentAttributeAudio;
import dev.tgkit.tl.api.DocumentAttributeVideo;
import dev.tgkit.tl.api.DocumentCtor;
import dev.tgkit.tl.api.MessageCtor;
import dev.tgkit.tl.api.MessageMedia;
import dev.tgkit.tl.api.MessageMediaDocument;
import dev.tgkit.tl.api.MessageMediaEmpty;
import dev.tgkit.tl.api.MessageMediaPhoto;
import dev.tgkit.tl.api.MessageMediaWebPage;
import dev.tgkit.tl.api.WebPageCtor;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Passes messages with media of one of {@link #kinds()}, or with any media when it is empty. A
 * link preview counts only if it carries a photo or a document.
 */
public record Media(Set<Kind> kinds) implements Filter {

  /** The kinds of media this filter tells apart. */
  public enum Kind {
    PHOTO,
    AUDIO,
    VIDEO
  }

  public Media {
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
  }

  @Override
  public boolean test(Event event) {
    if (!(event instanceof MessageEvent m) || !(m.raw() instanceof MessageCtor raw) || raw.media() == null) {
      return false;
    }
    MessageMedia media = raw.media();
    if (media instanceof MessageMediaEmpty) {
      return false;
    }
    if (media instanceof MessageMediaWebPage page) {
      if (!(page.webpage() instanceof WebPageCtor web) || (web.photo() == null && web.document() == null)) {
        return false;
      }
      return kinds.isEmpty() || (web.photo() != null && kinds.contains(Kind.PHOTO)) || matches(web.document());
    }
    if (kinds.isEmpty()) {
      return true;
    }
    return switch (media) {
      case MessageMediaPhoto p -> kinds.contains(Kind.PHOTO);
      case MessageMediaDocument d -> matches(d.document());
      default -> false;
    };
  }

  private boolean matches(@Nullable Document document) {
    if (!(document instanceof DocumentCtor doc)) {
      return false;
    }
    for (var attribute : doc.attributes()) {
      if (attribute instanceof DocumentAttributeAudio && kinds.contains(Kind.AUDIO)) {
        return true;
      }
      if (attribute instanceof DocumentAttributeVideo && kinds.contains(Kind.VIDEO)) {
        return true;
      }
    }
    return false;
  }
}
