/**
 * The TL code generator: parses Telegram's TL schemas ({@code api.tl}, {@code mtproto.tl}) and
 * writes the Java sources of {@code dev.tgkit.tl.api..} and {@code dev.tgkit.tl.mtproto..}.
 *
 * <p>A build tool, never a runtime dependency of the library: {@code telegram-core} runs {@link
 * dev.tgkit.tl.generator.Main} in its {@code generate-sources} phase. It reads the TL language of
 * <a href="https://core.telegram.org/mtproto/TL">core.telegram.org/mtproto/TL</a> ({@link
 * dev.tgkit.tl.generator.TlParser}), binds every TL name to a Java name ({@link
 * dev.tgkit.tl.generator.JavaModel}), and emits one source file per type, constructor and
 * function ({@link dev.tgkit.tl.generator.Emitter}), plus the error name constants of {@code
 * rpc-errors.csv} ({@link dev.tgkit.tl.generator.RpcErrorsEmitter}).
 *
 * <p>The module depends on the JDK alone, so it carries no JSpecify annotation; nothing here
 * returns or accepts {@code null} unless its Javadoc says so.
 */
package dev.tgkit.tl.generator;
