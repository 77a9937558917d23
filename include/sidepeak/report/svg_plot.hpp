#pragma once
/// Small SVG line plots drawn in C++ for the HTML report: axes with ticks, line series decimated
/// by min/max per pixel bucket (so peaks survive), shaded x ranges, point markers and labels.
/// The plot area is a nested <svg> whose viewBox is in data units, so the report's script can
/// zoom and pan by rewriting the viewBox and redrawing the ticks.
#include <string>
#include <vector>

namespace sidepeak::report {

/// Min/max decimation: keeps, for each of `buckets` equal x intervals, the minimum and maximum
/// point (in x order), so every peak taller than its neighbours stays visible. O(n).
void decimate_min_max(const std::vector<double>& x, const std::vector<double>& y, std::size_t buckets,
                      std::vector<double>& out_x, std::vector<double>& out_y);

struct PlotMarker {
    double x = 0.0;
    double y = 0.0;
    std::string label;   ///< shown next to the marker (escaped by the plot)
    std::string id;      ///< element id, so evidence tables can link to it
    std::string css;     ///< extra class, e.g. "evidence"
};

struct PlotRegion {
    double x_from = 0.0;
    double x_to = 0.0;
    std::string label;
    std::string id;
    std::string css;
};

struct PlotSeries {
    std::vector<double> x;
    std::vector<double> y;
    std::string css = "series";
    std::string name;
    bool dots = false;   ///< draw each point as a dot (scatter) instead of a connected line
};

struct SvgPlot {
    std::string id;              ///< element id of the figure
    std::string title;           ///< accessible title (also alt text)
    std::string description;     ///< accessible description of what the plot shows
    std::string x_label;
    std::string y_label;
    bool reverse_x = false;      ///< NMR convention: high ppm on the left
    bool mirror_y = false;       ///< mirror plot: y tick labels show |y| (the lower half is drawn downwards)
    double width = 960;
    double height = 320;
    std::vector<PlotSeries> series;
    std::vector<PlotRegion> regions;
    std::vector<PlotMarker> markers;

    /// Renders the figure as standalone SVG markup (no scripts, no external references).
    [[nodiscard]] std::string render() const;
};

/// Escapes text for HTML and XML element content and attribute values.
std::string html_escape(std::string_view text);

}  // namespace sidepeak::report
