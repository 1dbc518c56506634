package io.dolly.server.config;

import java.util.Locale;

/**
 * One server option as given on the command line or in an option file.
 *
 * @param name the option name with dashes turned into underscores ({@code bind-address} and
 *     {@code bind_address} are the same option, as in MySQL)
 * @param value the value, or null when the option was given bare ({@code --initialize})
 */
public record Option(String name, String value) {

  static String normalize(String name) {
    return name.strip().replace('-', '_').toLowerCase(Locale.ROOT);
  }
}
