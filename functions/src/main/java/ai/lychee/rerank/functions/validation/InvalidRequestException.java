package ai.lychee.rerank.functions.validation;

/**
 * A request the service will not serve as sent. Carries the HTTP status and the JSON path of the
 * field at fault (for example {@code documents[3].text}) so the caller can point at it.
 */
public class InvalidRequestException extends RuntimeException {
    private final int status;
    private final String field;

    public InvalidRequestException(int status, String field, String detail) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public static InvalidRequestException badRequest(String field, String detail) {
        return new InvalidRequestException(400, field, detail);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
