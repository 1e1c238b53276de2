package ai.lychee.rerank.embedded.ui;

import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every log record the running service writes (access log included), as text, while the capture is open. */
final class LogCapture extends Handler implements AutoCloseable {

    private final StringBuffer text = new StringBuffer();

    private LogCapture() {
    }

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    String text() {
        return text.toString();
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (record.getParameters() != null && record.getParameters().length > 0) {
            try {
                message = String.format(message, record.getParameters()) + " " + java.util.Arrays.toString(record.getParameters());
            } catch (RuntimeException e) {
                message = message + " " + java.util.Arrays.toString(record.getParameters());
            }
        }
        text.append(record.getLoggerName()).append(' ').append(message).append('\n');
        if (record.getThrown() != null) {
            text.append(record.getThrown()).append('\n');
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
