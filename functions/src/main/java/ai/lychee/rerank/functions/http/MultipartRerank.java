package ai.lychee.rerank.functions.http;

import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.validation.InvalidRequestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Reads a multipart rerank (the web page's uploads): a {@code request} part with the JSON request and
 * file parts {@code query_image} and {@code document_image_<i>} that attach an image to the query or
 * to document {@code i}. The files join the request as if sent in {@code image_base64}.
 */
@ApplicationScoped
public class MultipartRerank {

    private static final Pattern DOCUMENT_IMAGE = Pattern.compile("document_image_(\\d+)");

    private final ObjectMapper json;

    public MultipartRerank(ObjectMapper json) {
        this.json = json;
    }

    public RerankRequest read(String requestJson, List<FileUpload> files) {
        if (requestJson == null || requestJson.isBlank()) {
            throw InvalidRequestException.badRequest("request", "the multipart form needs a 'request' part with the JSON request");
        }
        RerankRequest request;
        try {
            request = json.readValue(requestJson, RerankRequest.class);
        } catch (JsonProcessingException e) {
            // A field of the right name but the wrong type is named by its path, as in a JSON body.
            throw JsonProblems.of(e, "request");
        }
        ContentInput query = request.query();
        List<ContentInput> documents = request.documents() == null ? new ArrayList<>() : new ArrayList<>(request.documents());
        for (FileUpload file : files) {
            String name = file.name();
            if (name.equals("query_image")) {
                query = withImage(query, file, "query_image");
                continue;
            }
            Matcher m = DOCUMENT_IMAGE.matcher(name);
            if (!m.matches()) {
                throw InvalidRequestException.badRequest(name, "unknown file part '" + name
                        + "': use query_image or document_image_<index>");
            }
            int index = Integer.parseInt(m.group(1));
            if (index >= documents.size()) {
                throw InvalidRequestException.badRequest(name, name + " names document " + index + " but there are "
                        + documents.size() + " documents (give an empty text document to carry an image alone)");
            }
            documents.set(index, withImage(documents.get(index), file, name));
        }
        return new RerankRequest(query, documents, request.instruction(), request.topN(), request.returnDocuments());
    }

    private static ContentInput withImage(ContentInput content, FileUpload file, String field) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw InvalidRequestException.badRequest(field, field + " could not be read: " + e.getMessage());
        }
        String text = content == null ? null : content.text();
        return new ContentInput(text == null || text.isBlank() ? null : text, null, Base64.getEncoder().encodeToString(bytes));
    }
}
