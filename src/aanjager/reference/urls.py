from django.urls import path

from aanjager.reference import views

app_name = "reference"
urlpatterns = [path("minimumloon/", views.minimum_wages, name="minimum_wages")]
