package dev.tgkit.client.events;

/**
 * Handles events of type {@code E}. It runs on a virtual thread, so it may block (call {@code
 * client.invoke}, query a database); events of one chat wait for it, other chats' do not. What
 * it throws is logged with the event and stops nothing else.
 */
@FunctionalInterface
public interface EventHandler<E extends Event> {
  void handle(E event) throws Exception;
}
