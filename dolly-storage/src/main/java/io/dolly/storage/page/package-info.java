/** Page identity, the common page header, checksums, and offline inspection. */
package io.dolly.storage.page;
