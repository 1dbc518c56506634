package io.dolly.server;

import io.dolly.server.inspect.InspectCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * The {@code dolly} command line: {@code dolly server [options]}, {@code --help}, {@code
 * --version}.
 */
@Command(
    name = "dolly",
    mixinStandardHelpOptions = true,
    version = {"dolly " + ServerVersion.FULL},
    description = "Dolly: a MySQL-compatible database server that clones itself online.",
    subcommands = {DollyCli.Server.class, InspectCommand.class})
public final class DollyCli implements Callable<Integer> {

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new DollyCli()).execute(args));
  }

  @Command(
      name = "server",
      description = "Start the server (creates and initializes the data directory on first start).",
      footer = {
        "",
        "Options (MySQL's names; --opt=value or --opt value; also read from --defaults-file,",
        "sections [mysqld], [server] and [dolly]):",
        "  --datadir=DIR             data directory (default ./data)",
        "  --port=N                  TCP port (default 3306)",
        "  --bind-address=ADDR       address to listen on (default 127.0.0.1)",
        "  --defaults-file=FILE      read options from this my.cnf-style file first",
        "  --initialize              new instance: random root password, expired",
        "  --initialize-insecure     new instance: root@localhost without a password",
        "                            (the default when bound to a loopback address)",
        "  --<system_variable>=VAL   any global system variable, e.g. --max-connections=500,",
        "                            --require-secure-transport=ON, --ssl-cert=FILE"
      })
  static final class Server implements Callable<Integer> {
    @Unmatched List<String> options = new ArrayList<>();

    @CommandLine.Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
      return DollyServer.run(options);
    }
  }
}
