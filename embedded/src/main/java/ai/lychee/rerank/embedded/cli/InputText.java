package ai.lychee.rerank.embedded.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads text from a file, or from stdin for {@code -}. */
final class InputText {

    private InputText() {
    }

    static String read(String source) {
        try {
            if (source.equals("-")) {
                return readAll(System.in);
            }
            return Files.readString(Path.of(source), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + source);
        } catch (IOException e) {
            throw new CliException("cannot read " + source + ": " + e.getMessage());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
