package io.dolly.storage;

import java.nio.file.Path;

/**
 * The identity check every engine file header passes on open. "Not ours", "too new" and "another
 * instance" are distinct messages because they call for different actions from an operator.
 */
public final class FileFormat {
  private FileFormat() {}

  public static void check(
      Path file,
      String kind,
      int magic,
      int expectedMagic,
      int version,
      int supportedVersion,
      InstanceId instance,
      InstanceId expectedInstance) {
    if (magic != expectedMagic) {
      throw new StorageFormatException(
          file
              + " is not a Dolly "
              + kind
              + " file (magic 0x"
              + Integer.toHexString(magic)
              + ", expected 0x"
              + Integer.toHexString(expectedMagic)
              + ")");
    }
    if (version > supportedVersion) {
      throw new StorageFormatException(
          file
              + " has "
              + kind
              + " format version "
              + version
              + ", newer than the supported version "
              + supportedVersion
              + "; open it with a newer Dolly");
    }
    if (expectedInstance != null && !expectedInstance.equals(instance)) {
      throw new StorageFormatException(
          file
              + " belongs to another instance (instance id "
              + instance
              + ", this data directory is "
              + expectedInstance
              + ")");
    }
  }
}
