// The reaction context resolved once: resolve_context builds the typed model that classify reads
// (no second build for a given context), a model is built again only for what is inferred from
// the data, and what was inferred reaches report.json's context block.
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/classify/classifier.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "sidepeak/pipeline/batch.hpp"
#include "sidepeak/report/json_report.hpp"

namespace sp = sidepeak::pipeline;
namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {

nlohmann::json context_block(const sc::SampleContext& context) {
    sidepeak::report::SampleResult sample;
    sample.id = "s";
    sample.context = context;
    return nlohmann::json::parse(sidepeak::report::sample_json_text(sample)).at("context");
}

}  // namespace

TEST(ResolvedContext, ResolveBuildsTheTypedModelOnce) {
    const auto c = sp::resolve_context("C12H18N2", "BnBr");
    ASSERT_NE(c.model, nullptr);
    EXPECT_EQ(c.increment, "C7H6");
    ASSERT_NE(c.model->reagent, nullptr);
    EXPECT_EQ(c.model->reagent->name, "benzyl");
    EXPECT_EQ(c.model->product_origin, ch::PartOrigin::given);
    EXPECT_EQ(c.model->increment_origin, ch::PartOrigin::given);
    // Nothing given still has a (reagent-less) model to read.
    const auto none = sp::resolve_context("", "");
    ASSERT_NE(none.model, nullptr);
    EXPECT_FALSE(none.model->increment.has_value());
    EXPECT_THROW((void)sp::resolve_context("C12H18Q", ""), sidepeak::UsageError);
}

TEST(ResolvedContext, ClassifyReadsTheResolvedModelWithoutBuildingAnother) {
    sc::ClassifierInput in;
    in.context = sp::resolve_context("C12H18N2", "benzyl");
    const auto out = sc::classify(in);
    EXPECT_EQ(out.context.model, in.context.model);  // the same object: not rebuilt
    EXPECT_EQ(out.context.source, sc::ContextSource::given);
}

TEST(ResolvedContext, AReagentInferredFromTheProductReachesReportJson) {
    // C7H16N2: 1-ethyl- or 1,4-dimethyl-1,4-diazepane; without evidence the fewest alkylations win.
    sc::ClassifierInput in;
    in.context = sp::resolve_context("C7H16N2", "");
    const auto out = sc::classify(in);
    ASSERT_NE(out.context.model, nullptr);
    EXPECT_NE(out.context.model, in.context.model);  // built for the inferred reagent
    ASSERT_NE(out.context.model->reagent, nullptr);
    EXPECT_EQ(out.context.model->reagent->name, "ethyl");
    const auto j = context_block(out.context);
    EXPECT_EQ(j.at("source"), "inferred");
    EXPECT_EQ(j.at("reagent_name"), "ethyl");
    EXPECT_EQ(j.at("reagent"), "C2H4");
    EXPECT_EQ(j.at("product"), "C7H16N2");
    EXPECT_NE(j.at("inferred_from").get<std::string>().find("reagent ethyl"), std::string::npos) << j.dump();
}

TEST(ResolvedContext, AProductDerivedFromTheReagentIsMarkedInferred) {
    sc::ClassifierInput in;
    in.context = sp::resolve_context("", "MeI");
    const auto out = sc::classify(in);
    EXPECT_EQ(out.context.model, in.context.model);
    const auto j = context_block(out.context);
    EXPECT_EQ(j.at("source"), "inferred");
    EXPECT_EQ(j.at("product"), "C6H14N2");
    EXPECT_EQ(j.at("reagent"), "CH2");
}

TEST(ResolvedContext, ADerivedStartingAmineIsNamedInTheReport) {
    // 1-benzylpiperazine: product and reagent given, the starting amine is the product less one
    // benzyl (piperazine), not 1,4-diazepane.
    sc::ClassifierInput in;
    in.context = sp::resolve_context("C11H16N2", "benzyl");
    const auto out = sc::classify(in);
    const auto j = context_block(out.context);
    EXPECT_EQ(j.at("source"), "given");
    EXPECT_NE(j.at("inferred_from").get<std::string>().find("starting amine C4H10N2"), std::string::npos) << j.dump();
}

TEST(ResolvedContext, AHandBuiltContextIsResolvedByClassify) {
    sc::ClassifierInput in;
    in.context.product = "C12H18N2";
    in.context.reagent = "benzyl";
    const auto out = sc::classify(in);
    ASSERT_NE(out.context.model, nullptr);
    EXPECT_EQ(out.context.model->reagent_name, "benzyl");
}

TEST(ResolvedContext, TheBatchDefaultIsResolvedOnceAndABadOneIsEachSamplesProblem) {
    const sp::BatchContext batch("C12H18N2", "benzyl");
    const sp::SampleSpec plain{"a", "a", "", ""};
    const auto first = batch.resolve(plain);
    const auto second = batch.resolve(plain);
    EXPECT_EQ(first.model, second.model);  // one resolution shared by the default samples
    const sp::SampleSpec own{"b", "b", "", "MeI"};
    const auto row = batch.resolve(own);  // the row's reagent with the default product
    EXPECT_EQ(row.increment, "CH2");
    EXPECT_EQ(batch.product_of(own), "C12H18N2");
    EXPECT_EQ(batch.reagent_of(own), "MeI");

    const sp::BatchContext bad("C12H18Q", "");
    EXPECT_THROW(bad.check(), sidepeak::UsageError);
    EXPECT_THROW((void)bad.resolve(plain), sidepeak::UsageError);
    const sp::SampleSpec fixed{"c", "c", "C12H18N2", "benzyl"};
    EXPECT_NO_THROW((void)bad.resolve(fixed));
}
