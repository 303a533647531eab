package dev.tgkit.client.events;

/**
 * An {@link EventHandler} that decides, after running, whether the handlers after it see the
 * event too ({@link Continue#CONTINUE}) or not ({@link Continue#STOP}).
 */
@FunctionalInterface
public interface ContinuingHandler<E extends Event> {
  Continue handle(E event) throws Exception;
}
