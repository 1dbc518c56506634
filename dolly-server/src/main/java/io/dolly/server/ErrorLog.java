package io.dolly.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The server's error log: {@code <datadir>/dolly.err} and standard error, one line per event in
 * the shape of MySQL's error log ({@code time [Level] [Component] message}), so that operators'
 * habits (tail, grep for {@code [ERROR]}) carry over.
 */
final class ErrorLog {
  private static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z',UTC} [%level] [%logger{0}] %msg%n";

  private ErrorLog() {}

  static void start(Path file) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);

    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(ctx);
    console.setTarget("System.err");
    console.setEncoder(encoder(ctx));
    console.start();
    root.addAppender(console);

    if (file != null) {
      FileAppender<ILoggingEvent> log = new FileAppender<>();
      log.setContext(ctx);
      log.setFile(file.toString());
      log.setAppend(true);
      log.setEncoder(encoder(ctx));
      log.start();
      root.addAppender(log);
    }
  }

  static void stop() {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
  }

  private static PatternLayoutEncoder encoder(LoggerContext ctx) {
    PatternLayoutEncoder e = new PatternLayoutEncoder();
    e.setContext(ctx);
    e.setPattern(PATTERN);
    e.start();
    return e;
  }
}
