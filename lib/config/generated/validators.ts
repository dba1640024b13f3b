// @ts-nocheck
/*
 * Validators for schemas/config.schema.json and schemas/baseline.schema.json, compiled ahead of time with
 * ajv's standalone code by scripts/build-validators.ts. Do not edit: change the schemas and
 * run `npm run build:validators`.
 */
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
export const validateConfig = validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"urn:kmsguard:schema:config","title":"kmsguard configuration (.kmsguard.json)","description":"Settings for kmsguard. Command-line flags override these values.","type":"object","additionalProperties":false,"properties":{"$schema":{"description":"Where editors find this schema; ignored by kmsguard.","type":"string"},"rules":{"description":"The rules to run, by id (kms-decrypt, kms-grant, principal-decrypt). Default: every rule enabled by default.","type":"array","minItems":1,"uniqueItems":true,"items":{"enum":["kms-decrypt","kms-grant","principal-decrypt"]}},"principals":{"description":"Also run the principal view (rule principal-decrypt): roles, users, groups and IAM Identity Center permission sets that can decrypt with keys their policies do not name, through every identity policy that applies to them. Default: false.","type":"boolean"},"blockedActions":{"description":"The kms-decrypt rule's action patterns whose grant on unnamed keys is a finding, expanded against the KMS actions as AWS Config's blockedActionsPatterns are (e.g. kms:ReEncrypt*). Default: kms:Decrypt, kms:ReEncryptFrom.","type":"array","minItems":1,"items":{"type":"string","minLength":1}},"failOn":{"description":"Lowest severity that fails the run. Default: medium.","enum":["high","medium","low","never"]},"conditions":{"description":"ignore: Allow conditions never narrow the scope (Security Hub parity, the default). scope: positive conditions on aws:ResourceTag/..., kms:ResourceAliases or aws:ResourceAccount narrow it.","enum":["ignore","scope"]},"partition":{"description":"Partition keys are judged in. Default: every partition the plan shows, else aws and each other partition the policies' ARN patterns name.","enum":["aws","aws-cn","aws-us-gov","aws-iso","aws-iso-b","aws-iso-e","aws-iso-f","aws-eusc"]},"strict":{"description":"Policies not known until apply fail the run.","type":"boolean"},"onlyNew":{"description":"Fail only on findings the plan introduces (as --only-new).","type":"boolean"},"baseline":{"description":"Baseline file (relative to this config file): only findings not in it fail the run.","type":"string","minLength":1},"sourceRoot":{"description":"Directory of the root module the plan was made in (relative to this config file): findings point at its .tf lines. Default: the working directory when it holds the plan's resources.","type":"string","minLength":1},"inlineIgnores":{"description":"Honour '# kmsguard:ignore <reason> [exp:YYYY-MM-DD]' comments above resource, data source and statement blocks. Default: true.","type":"boolean"},"suppressions":{"description":"Accepted findings. A suppressed finding is still reported, marked with its reason, and does not fail the run.","type":"array","items":{"$ref":"#/definitions/suppression"}}},"definitions":{"suppression":{"type":"object","additionalProperties":false,"required":["address","reason"],"properties":{"address":{"description":"Terraform address glob: * matches any characters, including . [ and \"; every other character is literal.","type":"string","minLength":1},"reason":{"description":"Why the finding is accepted; shown in every report.","type":"string","pattern":"\\S"},"expires":{"description":"YYYY-MM-DD: the suppression applies through that day (UTC) and no longer after it.","type":"string","format":"date"},"resourceType":{"description":"Only findings on this resource type, e.g. aws_iam_role_policy.","type":"string","minLength":1},"scope":{"description":"Only findings of exactly this scope.","enum":["all-keys","account-keys","region-keys"]},"ruleId":{"description":"Only findings whose rule id matches this glob (* matches any characters), e.g. kms-grant-* or kms-decrypt-all-keys.","type":"string","minLength":1}}}}};
const schema12 = {"type":"object","additionalProperties":false,"required":["address","reason"],"properties":{"address":{"description":"Terraform address glob: * matches any characters, including . [ and \"; every other character is literal.","type":"string","minLength":1},"reason":{"description":"Why the finding is accepted; shown in every report.","type":"string","pattern":"\\S"},"expires":{"description":"YYYY-MM-DD: the suppression applies through that day (UTC) and no longer after it.","type":"string","format":"date"},"resourceType":{"description":"Only findings on this resource type, e.g. aws_iam_role_policy.","type":"string","minLength":1},"scope":{"description":"Only findings of exactly this scope.","enum":["all-keys","account-keys","region-keys"]},"ruleId":{"description":"Only findings whose rule id matches this glob (* matches any characters), e.g. kms-grant-* or kms-decrypt-all-keys.","type":"string","minLength":1}}};
const func0 = Object.prototype.hasOwnProperty;
const func32 = require("ajv/dist/runtime/equal").default;
const func51 = require("ajv/dist/runtime/ucs2length").default;
const pattern0 = new RegExp("\\S", "u");
const formats0 = require("ajv-formats/dist/formats").fullFormats.date;

function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="urn:kmsguard:schema:config" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 of Object.keys(data)){
if(!(func0.call(schema11.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.$schema !== undefined && func0.call(data, "$schema")){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.$schema.type,parentSchema:schema11.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.rules !== undefined && func0.call(data, "rules")){
let data1 = data.rules;
if(Array.isArray(data1)){
if(data1.length < 1){
const err2 = {instancePath:instancePath+"/rules",schemaPath:"#/properties/rules/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.rules,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(!(((data2 === "kms-decrypt") || (data2 === "kms-grant")) || (data2 === "principal-decrypt"))){
const err3 = {instancePath:instancePath+"/rules/" + i0,schemaPath:"#/properties/rules/items/enum",keyword:"enum",params:{allowedValues: schema11.properties.rules.items.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.rules.items.enum,parentSchema:schema11.properties.rules.items,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
let i1 = data1.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func32(data1[i1], data1[j0])){
const err4 = {instancePath:instancePath+"/rules",schemaPath:"#/properties/rules/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema11.properties.rules,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err5 = {instancePath:instancePath+"/rules",schemaPath:"#/properties/rules/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.rules.type,parentSchema:schema11.properties.rules,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.principals !== undefined && func0.call(data, "principals")){
let data3 = data.principals;
if(typeof data3 !== "boolean"){
const err6 = {instancePath:instancePath+"/principals",schemaPath:"#/properties/principals/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.principals.type,parentSchema:schema11.properties.principals,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.blockedActions !== undefined && func0.call(data, "blockedActions")){
let data4 = data.blockedActions;
if(Array.isArray(data4)){
if(data4.length < 1){
const err7 = {instancePath:instancePath+"/blockedActions",schemaPath:"#/properties/blockedActions/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.blockedActions,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const len1 = data4.length;
for(let i2=0; i2<len1; i2++){
let data5 = data4[i2];
if(typeof data5 === "string"){
if(func51(data5) < 1){
const err8 = {instancePath:instancePath+"/blockedActions/" + i2,schemaPath:"#/properties/blockedActions/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.blockedActions.items,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/blockedActions/" + i2,schemaPath:"#/properties/blockedActions/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.blockedActions.items.type,parentSchema:schema11.properties.blockedActions.items,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath:instancePath+"/blockedActions",schemaPath:"#/properties/blockedActions/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.blockedActions.type,parentSchema:schema11.properties.blockedActions,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.failOn !== undefined && func0.call(data, "failOn")){
let data6 = data.failOn;
if(!((((data6 === "high") || (data6 === "medium")) || (data6 === "low")) || (data6 === "never"))){
const err11 = {instancePath:instancePath+"/failOn",schemaPath:"#/properties/failOn/enum",keyword:"enum",params:{allowedValues: schema11.properties.failOn.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.failOn.enum,parentSchema:schema11.properties.failOn,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.conditions !== undefined && func0.call(data, "conditions")){
let data7 = data.conditions;
if(!((data7 === "ignore") || (data7 === "scope"))){
const err12 = {instancePath:instancePath+"/conditions",schemaPath:"#/properties/conditions/enum",keyword:"enum",params:{allowedValues: schema11.properties.conditions.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.conditions.enum,parentSchema:schema11.properties.conditions,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.partition !== undefined && func0.call(data, "partition")){
let data8 = data.partition;
if(!((((((((data8 === "aws") || (data8 === "aws-cn")) || (data8 === "aws-us-gov")) || (data8 === "aws-iso")) || (data8 === "aws-iso-b")) || (data8 === "aws-iso-e")) || (data8 === "aws-iso-f")) || (data8 === "aws-eusc"))){
const err13 = {instancePath:instancePath+"/partition",schemaPath:"#/properties/partition/enum",keyword:"enum",params:{allowedValues: schema11.properties.partition.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.partition.enum,parentSchema:schema11.properties.partition,data:data8};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.strict !== undefined && func0.call(data, "strict")){
let data9 = data.strict;
if(typeof data9 !== "boolean"){
const err14 = {instancePath:instancePath+"/strict",schemaPath:"#/properties/strict/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.strict.type,parentSchema:schema11.properties.strict,data:data9};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.onlyNew !== undefined && func0.call(data, "onlyNew")){
let data10 = data.onlyNew;
if(typeof data10 !== "boolean"){
const err15 = {instancePath:instancePath+"/onlyNew",schemaPath:"#/properties/onlyNew/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.onlyNew.type,parentSchema:schema11.properties.onlyNew,data:data10};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.baseline !== undefined && func0.call(data, "baseline")){
let data11 = data.baseline;
if(typeof data11 === "string"){
if(func51(data11) < 1){
const err16 = {instancePath:instancePath+"/baseline",schemaPath:"#/properties/baseline/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.baseline,data:data11};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/baseline",schemaPath:"#/properties/baseline/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.baseline.type,parentSchema:schema11.properties.baseline,data:data11};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.sourceRoot !== undefined && func0.call(data, "sourceRoot")){
let data12 = data.sourceRoot;
if(typeof data12 === "string"){
if(func51(data12) < 1){
const err18 = {instancePath:instancePath+"/sourceRoot",schemaPath:"#/properties/sourceRoot/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.sourceRoot,data:data12};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/sourceRoot",schemaPath:"#/properties/sourceRoot/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.sourceRoot.type,parentSchema:schema11.properties.sourceRoot,data:data12};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.inlineIgnores !== undefined && func0.call(data, "inlineIgnores")){
let data13 = data.inlineIgnores;
if(typeof data13 !== "boolean"){
const err20 = {instancePath:instancePath+"/inlineIgnores",schemaPath:"#/properties/inlineIgnores/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.inlineIgnores.type,parentSchema:schema11.properties.inlineIgnores,data:data13};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.suppressions !== undefined && func0.call(data, "suppressions")){
let data14 = data.suppressions;
if(Array.isArray(data14)){
const len2 = data14.length;
for(let i3=0; i3<len2; i3++){
let data15 = data14[i3];
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
if((data15.address === undefined) || (!(func0.call(data15, "address")))){
const err21 = {instancePath:instancePath+"/suppressions/" + i3,schemaPath:"#/definitions/suppression/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'",schema:schema12.required,parentSchema:schema12,data:data15};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if((data15.reason === undefined) || (!(func0.call(data15, "reason")))){
const err22 = {instancePath:instancePath+"/suppressions/" + i3,schemaPath:"#/definitions/suppression/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'",schema:schema12.required,parentSchema:schema12,data:data15};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
for(const key1 of Object.keys(data15)){
if(!((((((key1 === "address") || (key1 === "reason")) || (key1 === "expires")) || (key1 === "resourceType")) || (key1 === "scope")) || (key1 === "ruleId"))){
const err23 = {instancePath:instancePath+"/suppressions/" + i3,schemaPath:"#/definitions/suppression/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data:data15};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data15.address !== undefined && func0.call(data15, "address")){
let data16 = data15.address;
if(typeof data16 === "string"){
if(func51(data16) < 1){
const err24 = {instancePath:instancePath+"/suppressions/" + i3+"/address",schemaPath:"#/definitions/suppression/properties/address/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.address,data:data16};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/suppressions/" + i3+"/address",schemaPath:"#/definitions/suppression/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.address.type,parentSchema:schema12.properties.address,data:data16};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data15.reason !== undefined && func0.call(data15, "reason")){
let data17 = data15.reason;
if(typeof data17 === "string"){
if(!pattern0.test(data17)){
const err26 = {instancePath:instancePath+"/suppressions/" + i3+"/reason",schemaPath:"#/definitions/suppression/properties/reason/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\"",schema:"\\S",parentSchema:schema12.properties.reason,data:data17};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/suppressions/" + i3+"/reason",schemaPath:"#/definitions/suppression/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.reason.type,parentSchema:schema12.properties.reason,data:data17};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data15.expires !== undefined && func0.call(data15, "expires")){
let data18 = data15.expires;
if(typeof data18 === "string"){
if(!(formats0.validate(data18))){
const err28 = {instancePath:instancePath+"/suppressions/" + i3+"/expires",schemaPath:"#/definitions/suppression/properties/expires/format",keyword:"format",params:{format: "date"},message:"must match format \""+"date"+"\"",schema:"date",parentSchema:schema12.properties.expires,data:data18};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/suppressions/" + i3+"/expires",schemaPath:"#/definitions/suppression/properties/expires/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.expires.type,parentSchema:schema12.properties.expires,data:data18};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data15.resourceType !== undefined && func0.call(data15, "resourceType")){
let data19 = data15.resourceType;
if(typeof data19 === "string"){
if(func51(data19) < 1){
const err30 = {instancePath:instancePath+"/suppressions/" + i3+"/resourceType",schemaPath:"#/definitions/suppression/properties/resourceType/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.resourceType,data:data19};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/suppressions/" + i3+"/resourceType",schemaPath:"#/definitions/suppression/properties/resourceType/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.resourceType.type,parentSchema:schema12.properties.resourceType,data:data19};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data15.scope !== undefined && func0.call(data15, "scope")){
let data20 = data15.scope;
if(!(((data20 === "all-keys") || (data20 === "account-keys")) || (data20 === "region-keys"))){
const err32 = {instancePath:instancePath+"/suppressions/" + i3+"/scope",schemaPath:"#/definitions/suppression/properties/scope/enum",keyword:"enum",params:{allowedValues: schema12.properties.scope.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.scope.enum,parentSchema:schema12.properties.scope,data:data20};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data15.ruleId !== undefined && func0.call(data15, "ruleId")){
let data21 = data15.ruleId;
if(typeof data21 === "string"){
if(func51(data21) < 1){
const err33 = {instancePath:instancePath+"/suppressions/" + i3+"/ruleId",schemaPath:"#/definitions/suppression/properties/ruleId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.ruleId,data:data21};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/suppressions/" + i3+"/ruleId",schemaPath:"#/definitions/suppression/properties/ruleId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.ruleId.type,parentSchema:schema12.properties.ruleId,data:data21};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/suppressions/" + i3,schemaPath:"#/definitions/suppression/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/suppressions",schemaPath:"#/properties/suppressions/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.suppressions.type,parentSchema:schema11.properties.suppressions,data:data14};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}

export const validateBaseline = validate11;
const schema13 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"urn:kmsguard:schema:baseline","title":"kmsguard baseline (kmsguard baseline plan.json > .kmsguard-baseline.json)","description":"Findings accepted as they stand; with --baseline only findings not listed here fail the run.","type":"object","additionalProperties":false,"required":["version","findings"],"properties":{"version":{"description":"Format version of this file. Version 1 entries do not say which input they came from: such a baseline accepts no finding (a warning says to regenerate it).","enum":[1,2]},"findings":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["fingerprint"],"properties":{"fingerprint":{"description":"The finding's fingerprint; compared with source and position.","type":"string","minLength":1},"source":{"description":"The input the finding came from: its path relative to the working directory, /-separated, or stdin. Compared; required from version 2 on.","type":"string","minLength":1},"position":{"description":"The document's 1-based position when the input holds several (a terragrunt run --all stream). Compared.","type":"integer","minimum":1},"ruleId":{"description":"For readers.","type":"string"},"address":{"description":"For readers.","type":"string"},"policyPath":{"description":"For readers.","type":"string"}}}}}};

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="urn:kmsguard:schema:baseline" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if((data.version === undefined) || (!(func0.call(data, "version")))){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema13.required,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if((data.findings === undefined) || (!(func0.call(data, "findings")))){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "findings"},message:"must have required property '"+"findings"+"'",schema:schema13.required,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 of Object.keys(data)){
if(!((key0 === "version") || (key0 === "findings"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.version !== undefined && func0.call(data, "version")){
let data0 = data.version;
if(!((data0 === 1) || (data0 === 2))){
const err3 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/enum",keyword:"enum",params:{allowedValues: schema13.properties.version.enum},message:"must be equal to one of the allowed values",schema:schema13.properties.version.enum,parentSchema:schema13.properties.version,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.findings !== undefined && func0.call(data, "findings")){
let data1 = data.findings;
if(Array.isArray(data1)){
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if((data2.fingerprint === undefined) || (!(func0.call(data2, "fingerprint")))){
const err4 = {instancePath:instancePath+"/findings/" + i0,schemaPath:"#/properties/findings/items/required",keyword:"required",params:{missingProperty: "fingerprint"},message:"must have required property '"+"fingerprint"+"'",schema:schema13.properties.findings.items.required,parentSchema:schema13.properties.findings.items,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key1 of Object.keys(data2)){
if(!((((((key1 === "fingerprint") || (key1 === "source")) || (key1 === "position")) || (key1 === "ruleId")) || (key1 === "address")) || (key1 === "policyPath"))){
const err5 = {instancePath:instancePath+"/findings/" + i0,schemaPath:"#/properties/findings/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema13.properties.findings.items,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data2.fingerprint !== undefined && func0.call(data2, "fingerprint")){
let data3 = data2.fingerprint;
if(typeof data3 === "string"){
if(func51(data3) < 1){
const err6 = {instancePath:instancePath+"/findings/" + i0+"/fingerprint",schemaPath:"#/properties/findings/items/properties/fingerprint/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema13.properties.findings.items.properties.fingerprint,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/findings/" + i0+"/fingerprint",schemaPath:"#/properties/findings/items/properties/fingerprint/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.findings.items.properties.fingerprint.type,parentSchema:schema13.properties.findings.items.properties.fingerprint,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data2.source !== undefined && func0.call(data2, "source")){
let data4 = data2.source;
if(typeof data4 === "string"){
if(func51(data4) < 1){
const err8 = {instancePath:instancePath+"/findings/" + i0+"/source",schemaPath:"#/properties/findings/items/properties/source/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema13.properties.findings.items.properties.source,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/findings/" + i0+"/source",schemaPath:"#/properties/findings/items/properties/source/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.findings.items.properties.source.type,parentSchema:schema13.properties.findings.items.properties.source,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data2.position !== undefined && func0.call(data2, "position")){
let data5 = data2.position;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err10 = {instancePath:instancePath+"/findings/" + i0+"/position",schemaPath:"#/properties/findings/items/properties/position/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema13.properties.findings.items.properties.position.type,parentSchema:schema13.properties.findings.items.properties.position,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 < 1 || isNaN(data5)){
const err11 = {instancePath:instancePath+"/findings/" + i0+"/position",schemaPath:"#/properties/findings/items/properties/position/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema13.properties.findings.items.properties.position,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
if(data2.ruleId !== undefined && func0.call(data2, "ruleId")){
let data6 = data2.ruleId;
if(typeof data6 !== "string"){
const err12 = {instancePath:instancePath+"/findings/" + i0+"/ruleId",schemaPath:"#/properties/findings/items/properties/ruleId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.findings.items.properties.ruleId.type,parentSchema:schema13.properties.findings.items.properties.ruleId,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data2.address !== undefined && func0.call(data2, "address")){
let data7 = data2.address;
if(typeof data7 !== "string"){
const err13 = {instancePath:instancePath+"/findings/" + i0+"/address",schemaPath:"#/properties/findings/items/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.findings.items.properties.address.type,parentSchema:schema13.properties.findings.items.properties.address,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data2.policyPath !== undefined && func0.call(data2, "policyPath")){
let data8 = data2.policyPath;
if(typeof data8 !== "string"){
const err14 = {instancePath:instancePath+"/findings/" + i0+"/policyPath",schemaPath:"#/properties/findings/items/properties/policyPath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.findings.items.properties.policyPath.type,parentSchema:schema13.properties.findings.items.properties.policyPath,data:data8};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/findings/" + i0,schemaPath:"#/properties/findings/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema13.properties.findings.items.type,parentSchema:schema13.properties.findings.items,data:data2};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/findings",schemaPath:"#/properties/findings/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema13.properties.findings.type,parentSchema:schema13.properties.findings,data:data1};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema13.type,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}
