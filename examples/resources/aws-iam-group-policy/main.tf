# An inline group policy (Security Hub KMS.2): the account field of the key ARN is a wildcard,
# so the group may decrypt with keys of any account in eu-west-1 whose key policy lets it.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_group" "analysts" {
  name = "analysts"
}

resource "aws_iam_group_policy" "analysts_decrypt" {
  name   = "analysts-decrypt"
  group  = aws_iam_group.analysts.name
  policy = data.aws_iam_policy_document.analysts.json
}

data "aws_iam_policy_document" "analysts" {
  statement {
    sid       = "DecryptSharedData"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:eu-west-1:*:key/*"]
  }
}
