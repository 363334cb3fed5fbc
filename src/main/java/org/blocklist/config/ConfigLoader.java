package org.blocklist.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a YAML configuration file over the built-in defaults. A file may set any subset of keys; an
 * unknown key or a value of the wrong type is an error that names the key.
 */
public final class ConfigLoader {
  /** The largest configuration file read: a config is a few kilobytes. */
  public static final long MAX_FILE_BYTES = 1 << 20;

  private static final String DEFAULTS = "/default-config.yaml";

  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  /** The built-in defaults alone. */
  public Config defaults() throws ConfigException {
    return toConfig(defaultTree(), "built-in defaults");
  }

  /** {@code file} over the defaults; a missing file is an error. */
  public Config load(Path file) throws ConfigException {
    JsonNode tree = defaultTree();
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ConfigException(
            file + ": " + Files.size(file) + " bytes (expected: at most " + MAX_FILE_BYTES + ")",
            null);
      }
      JsonNode overrides = yaml.readTree(file.toFile());
      if (overrides != null && !overrides.isMissingNode() && !overrides.isNull()) {
        if (!overrides.isObject()) {
          throw new ConfigException(file + ": expected a YAML mapping at the top level", null);
        }
        merge((ObjectNode) tree, overrides);
      }
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
    return toConfig(tree, file.toString());
  }

  private JsonNode defaultTree() throws ConfigException {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new ConfigException("missing resource " + DEFAULTS, null);
      }
      return yaml.readTree(in);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + DEFAULTS + ": " + e.getMessage(), e);
    }
  }

  private Config toConfig(JsonNode tree, String source) throws ConfigException {
    try {
      return yaml.treeToValue(tree, Config.class);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ConfigException(source + ": " + cause.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": " + e.getOriginalMessage() + path(e), e);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ": " + e.getMessage(), e);
    }
  }

  private static String path(JsonProcessingException e) {
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m
        && !m.getPath().isEmpty()) {
      StringBuilder key = new StringBuilder(" (at ");
      for (var ref : m.getPath()) {
        if (ref.getFieldName() != null) {
          if (key.length() > 5) {
            key.append('.');
          }
          key.append(ref.getFieldName());
        } else {
          key.append('[').append(ref.getIndex()).append(']');
        }
      }
      return key.append(')').toString();
    }
    return "";
  }

  /** Deep-merges mappings; any other value (lists included) replaces the default. */
  private static void merge(ObjectNode target, JsonNode source) {
    Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
        merge(existingObject, field.getValue());
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }
}
