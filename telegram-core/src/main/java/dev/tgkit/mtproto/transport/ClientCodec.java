package dev.tgkit.mtproto.transport;

/**
 * The client's two halves of one connection's transport: the {@link ClientEncoder} for what it
 * sends and the {@link ClientDecoder} for what the server sends. Made by {@link Transport#client};
 * the halves share no state after creation, so a network layer can hand them to separate outbound
 * and inbound handlers.
 */
public record ClientCodec(ClientEncoder encoder, ClientDecoder decoder) {}
