"""The body of a case study: one StreamBlock, every part previewable."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        template = "innovations/blocks/quote.html"
        label = _("Quote")
        description = _("A short quote from a user, an official or a citizen.")
        preview_value = {
            "text": "Izin usaha kini selesai dalam sehari, tanpa tatap muka.",
            "attribution": "Pelaku UMKM, Sumedang",
        }


class KeyFigureBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("measure"))
    before = blocks.CharBlock(label=_("before"), required=False)
    after = blocks.CharBlock(label=_("after"))
    unit = blocks.CharBlock(label=_("unit"), required=False)

    class Meta:
        icon = "order"
        template = "innovations/blocks/key_figure.html"
        label = _("Key figure")
        description = _("One measure, before and after the innovation.")
        preview_value = {
            "label": "Waktu layanan",
            "before": "14",
            "after": "1",
            "unit": "hari",
        }


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=6)

    class Meta:
        icon = "pick"
        template = "innovations/blocks/key_figures.html"
        label = _("Key figures before/after")
        description = _("Up to six measures comparing before and after.")
        preview_value = {
            "heading": "Hasil",
            "figures": [
                {
                    "label": "Waktu layanan",
                    "before": "14",
                    "after": "1",
                    "unit": "hari",
                },
                {
                    "label": "Kunjungan ke kantor",
                    "before": "3",
                    "after": "0",
                    "unit": "kali",
                },
            ],
        }


class CaptionedTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("caption"), required=False)
    table = TableBlock(label=_("table"))

    class Meta:
        icon = "table"
        template = "innovations/blocks/table.html"
        label = _("Table")
        description = _("A table of figures with a caption.")
        preview_value = {
            "caption": "Capaian per tahun",
            "table": {
                "first_row_is_table_header": True,
                "data": [["Tahun", "Layanan"], ["2023", "12.400"], ["2024", "18.950"]],
            },
        }


class EmbedWithCaptionBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("video or slides URL"))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "media"
        template = "innovations/blocks/embed.html"
        label = _("Embed")
        description = _("A video or slide deck from an external site, with a caption.")
        preview_value = {"embed": None, "caption": "Rekaman bimtek"}


class InnovationStreamBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Text"), icon="pilcrow"
    )
    image = ImageBlock(label=_("Image"))
    quote = QuoteBlock()
    table = CaptionedTableBlock()
    key_figures = KeyFiguresBlock()
    embed = EmbedWithCaptionBlock()

    class Meta:
        block_counts = {"key_figures": {"max_num": 2}, "embed": {"max_num": 3}}
