"""Language data: declarative YAML files, validated on load, compiled once."""
