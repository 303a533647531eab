package dev.tgkit.test;

/**
 * Where a request was executed: handlers use it to answer as the data center that received it.
 *
 * @param dcId the id of the data center the request reached
 * @param authKeyId the id of the auth key the request was encrypted with
 * @param sessionId the client's session id
 * @param msgId the msg_id of the request
 */
public record RequestContext(int dcId, long authKeyId, long sessionId, long msgId) {}
