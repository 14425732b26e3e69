"""The JSON Schema generator of every published schema (`towns.schema`), from the models alone.

The generated schema states each constraint the models apply, with the same bounds and patterns
(docs/dev/validation.md, "What agreement means"); `tests/test_schema_agreement.py` holds the two
to agreeing on the whole test corpus.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema


class TownsJsonSchema(GenerateJsonSchema):
    """pydantic's generator, publishing exactly what the models accept.

    A decimal is a JSON number with the bounds of its `Field` (pydantic would also offer text,
    which the models refuse, and `WithJsonSchema` overrides lose the bounds).
    """

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        out: JsonSchemaValue = {"type": "number"}
        self.update_with_validations(out, schema, self.ValidationsMapping.numeric)
        return out


def model_schema(model: Any) -> dict[str, Any]:
    """The JSON Schema of a model or an annotated type, by `TownsJsonSchema`."""
    if isinstance(model, type) and hasattr(model, "model_json_schema"):
        return dict(model.model_json_schema(schema_generator=TownsJsonSchema))
    return TypeAdapter(model).json_schema(schema_generator=TownsJsonSchema)
