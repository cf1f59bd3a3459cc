"""``/peta/`` (``map:index``): the public tile map (docs/MAP.md)."""

from django.urls import path

from . import map_views

app_name = "map"

urlpatterns = [path("", map_views.tile_map, name="index")]
